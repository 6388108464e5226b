import { DomainError } from '@crm/kernel';
import { checkAttachment, cleanFileName } from './attachment-rules.js';

const pdf = Buffer.from('%PDF-1.7\n%…\n');

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
}

describe('attachment rules', () => {
  it('accepts a PDF named and shaped as one', () => {
    expect(checkAttachment({ fileName: '合同.pdf', contentType: 'application/pdf', size: pdf.length, content: pdf }, 1024)).toBe('application/pdf');
  });

  it('refuses files over the limit, types not on the list, and files that are not what they say', () => {
    expect(codeOf(() => checkAttachment({ fileName: 'a.pdf', contentType: 'application/pdf', size: 2048, content: pdf }, 1024))).toBe(
      'CONTRACT.ATTACHMENT_TOO_LARGE',
    );
    const exe = Buffer.from('MZ\x90\x00');
    expect(codeOf(() => checkAttachment({ fileName: 'a.exe', contentType: 'application/x-msdownload', size: 4, content: exe }, 1024))).toBe(
      'CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expect(codeOf(() => checkAttachment({ fileName: 'a.pdf', contentType: 'application/pdf', size: 4, content: exe }, 1024))).toBe(
      'CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expect(codeOf(() => checkAttachment({ fileName: 'a.exe', contentType: 'application/pdf', size: pdf.length, content: pdf }, 1024))).toBe(
      'CONTRACT.ATTACHMENT_TYPE_NOT_ALLOWED',
    );
  });

  it('keeps only the last part of a path as the name', () => {
    expect(cleanFileName('..\\..\\etc/passwd')).toBe('passwd');
    expect(cleanFileName('  "x"\n.pdf ')).toBe('x.pdf');
    expect(cleanFileName('')).toBe('attachment');
  });
});
