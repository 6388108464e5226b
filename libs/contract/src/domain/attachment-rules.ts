import { ContractErrors } from './contract.errors.js';

/** What may be attached to a contract [合同附件]: the file types, with the file name endings and the first bytes each must have. */
const TYPES: Record<string, { extensions: string[]; magic?: number[][] }> = {
  'application/pdf': { extensions: ['pdf'], magic: [[0x25, 0x50, 0x44, 0x46]] },
  'image/png': { extensions: ['png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'application/msword': { extensions: ['doc'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['docx'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'application/vnd.ms-excel': { extensions: ['xls'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['xlsx'], magic: [[0x50, 0x4b, 0x03, 0x04]] },
  'text/plain': { extensions: ['txt'] },
};

export const ATTACHMENT_TYPES = Object.keys(TYPES);

export interface UploadedFileFacts {
  fileName: string;
  contentType: string;
  size: number;
  content: Buffer;
}

/** A name safe to store and to send back in Content-Disposition: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (clean || 'attachment').slice(-200);
}

/** Refuses files over the size limit, of a type not on the list, or whose name or first bytes do not match the declared type. */
export function checkAttachment(file: UploadedFileFacts, maxBytes: number): string {
  if (file.size > maxBytes) throw ContractErrors.attachmentTooLarge(maxBytes);
  const contentType = file.contentType.split(';')[0]!.trim().toLowerCase();
  const type = TYPES[contentType];
  if (!type) throw ContractErrors.attachmentTypeNotAllowed(contentType, ATTACHMENT_TYPES);
  const extension = file.fileName.includes('.') ? file.fileName.split('.').pop()!.toLowerCase() : '';
  const magicMatches = !type.magic || type.magic.some((bytes) => bytes.every((byte, index) => file.content[index] === byte));
  if (!type.extensions.includes(extension) || !magicMatches) throw ContractErrors.attachmentTypeNotAllowed(contentType, ATTACHMENT_TYPES);
  return contentType;
}
