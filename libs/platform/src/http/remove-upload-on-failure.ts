import { rm } from 'node:fs/promises';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';

/**
 * Removes the stored upload when the request fails after multer saved it (a 400 from the text
 * parts' validation, a 404 parent, any error): a refused upload never stays in the temporary
 * folder. On success the file belongs to the handler, which removes it once processed.
 * Goes after the `FileInterceptor` in `@UseInterceptors(...)`.
 */
@Injectable()
export class RemoveUploadOnFailure implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const file = context.switchToHttp().getRequest<Request & { file?: { path?: string } }>().file;
        if (!file?.path) return throwError(() => error);
        return from(rm(file.path, { force: true }).catch(() => undefined)).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
