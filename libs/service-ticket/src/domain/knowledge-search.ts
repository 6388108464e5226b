/**
 * How knowledge articles are searched in Chinese. Whole-word tokenisers do not segment Chinese,
 * so articles are matched by substring: the stored text and the query are normalised the same way
 * (NFKC folds full-width letters and digits, lower case, one space between runs) and the query is a
 * `LIKE '%…%'` pattern, which a pg_trgm GIN index serves for queries of three characters or more
 * (one and two characters still match, by scanning).
 */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The normalised text an article is found by: question, answer and tags. */
export function articleSearchText(content: { question: string; answer: string; tags: readonly string[] }): string {
  return normaliseSearchText([content.question, content.answer, ...content.tags].join(' '));
}

/** A `LIKE` pattern matching the query anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(query: string): string {
  return `%${normaliseSearchText(query).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** At most this many fragments of a ticket's text are looked up for suggestions. */
export const MAX_SUGGESTION_FRAGMENTS = 64;

/**
 * Fragments of what a customer or agent is typing, for suggestions [知识推荐]: every run of Han
 * characters gives its overlapping three-character windows, then its two-character ones; every
 * Latin or digit word of three characters or more is kept. Articles are found by the fragments of
 * three characters or more (the trigram index serves those) and ranked by how many fragments they
 * contain, so "我的打印机又卡纸了" finds "打印机卡纸怎么处理" through 打印机, 打印, 印机 and 卡纸 without
 * knowing where the words end.
 */
export function suggestionFragments(text: string): string[] {
  const normalised = normaliseSearchText(text);
  const long = new Set<string>();
  const short = new Set<string>();
  for (const run of normalised.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (let index = 0; index + 3 <= chars.length; index++) long.add(chars.slice(index, index + 3).join(''));
    for (let index = 0; index + 2 <= chars.length; index++) short.add(chars.slice(index, index + 2).join(''));
  }
  for (const word of normalised.match(/[\p{Script=Latin}\p{N}]+/gu) ?? []) if (word.length >= 3) long.add(word);
  return [...long, ...short].slice(0, MAX_SUGGESTION_FRAGMENTS);
}
