/**
 * Contract numbers [合同编号] from an administrator's pattern such as `HT{yyyy}{MM}-{seq:4}`:
 * `{yyyy}`, `{yy}`, `{MM}`, `{dd}` are the date in the company's time zone, `{seq:n}` a counter
 * padded to n digits that restarts whenever the rest of the number changes (each month here).
 */
const TOKEN = /\{([^}]*)\}/g;
const LITERAL = /^[A-Za-z0-9\-_/.]*$/;
const DATE_TOKENS = ['yyyy', 'yy', 'MM', 'dd'] as const;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Why a pattern is unusable, or undefined when it is fine. */
export function invalidPattern(pattern: string): string | undefined {
  if (pattern.length < 1 || pattern.length > 60) return 'it has 1 to 60 characters';
  let sequences = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    const token = match[1]!;
    const seq = /^seq:(\d{1,2})$/.exec(token);
    if (seq) {
      const width = Number(seq[1]);
      if (width < 1 || width > 10) return '{seq:n} pads to 1 to 10 digits';
      sequences++;
    } else if (!(DATE_TOKENS as readonly string[]).includes(token)) {
      return `{${token}} is not one of {yyyy}, {yy}, {MM}, {dd}, {seq:n}`;
    }
  }
  if (sequences !== 1) return 'it has exactly one {seq:n}';
  if (!LITERAL.test(pattern.replace(TOKEN, ''))) return 'text outside the tokens is letters, digits and - _ / .';
  return undefined;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The number's counter key: the pattern with its date rendered and the counter left as `{seq}`. */
export function sequenceKey(pattern: string, date: DateParts): string {
  return pattern.replace(TOKEN, (whole, token: string) => {
    switch (token) {
      case 'yyyy':
        return pad(date.year, 4);
      case 'yy':
        return pad(date.year % 100, 2);
      case 'MM':
        return pad(date.month, 2);
      case 'dd':
        return pad(date.day, 2);
      default:
        return '{seq}';
    }
  });
}

/** The largest counter value the pattern can show. */
export function sequenceLimit(pattern: string): number {
  const width = Number(/\{seq:(\d{1,2})\}/.exec(pattern)![1]);
  return 10 ** width - 1;
}

/** The number itself, counter padded (a counter past the width is refused by `sequenceLimit`). */
export function renderNumber(pattern: string, key: string, seq: number): string {
  const width = Number(/\{seq:(\d{1,2})\}/.exec(pattern)![1]);
  return key.replace('{seq}', pad(seq, width));
}
