import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box.js';

describe('SecretBox (AES-256-GCM)', () => {
  const box = new SecretBox(randomBytes(32));

  it('seals to a different text each time and opens to the secret', () => {
    const first = box.seal('whsec_0123456789abcdef');
    const second = box.seal('whsec_0123456789abcdef');
    expect(first).not.toBe(second);
    expect(first).not.toContain('0123456789');
    expect(SecretBox.isSealed(first)).toBe(true);
    expect(box.open(first)).toBe('whsec_0123456789abcdef');
  });

  it('refuses a tampered value and another key', () => {
    const sealed = box.seal('secret-secret-secret');
    const [version, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    expect(() => box.open('plain text')).toThrow('Not a sealed secret.');
  });
});
