import { HttpException, Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { acceptMultipartAt, APP_CONFIG, type AppConfig } from '@crm/platform';
import type { Observable } from 'rxjs';
import { ContractErrors } from '../domain/contract.errors.js';

/** The multipart field an attachment is sent in. */
export const ATTACHMENT_FIELD = 'file';

acceptMultipartAt(/^\/api\/v1\/contracts\/[^/]+\/attachments$/);

/** What multer leaves on the request for the uploaded file (kept in memory: at most CRM_ATTACHMENT_MAX_BYTES). */
export interface UploadedAttachment {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Reads one file from a multipart body, up to the configured size: a larger one is refused while it
 * arrives (422 `CONTRACT.ATTACHMENT_TOO_LARGE`), other fields or files are a 400.
 */
@Injectable()
export class AttachmentUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;
  private readonly maxBytes: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxBytes = config.attachmentMaxBytes;
    // File names are UTF-8 (Chinese names), not busboy's default latin1.
    const options = { limits: { fileSize: this.maxBytes, files: 1, fields: 0 }, defParamCharset: 'utf8' };
    const Multer = FileInterceptor(ATTACHMENT_FIELD, options as Parameters<typeof FileInterceptor>[1]);
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multer.intercept(context, next);
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === 413) throw ContractErrors.attachmentTooLarge(this.maxBytes);
      if (error instanceof HttpException && error.getStatus() === 400) throw ContractErrors.attachmentMissing();
      throw error;
    }
  }
}
