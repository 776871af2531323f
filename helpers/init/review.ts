/** The fields of a drafted contract an operator should review before committing it, each with the reason. */
export interface ReviewItem {
  field: string;
  why: string;
}

/** *PASSWORD*, *TOKEN*, *SECRET*, *KEY* (and PASSWD, CREDENTIAL, PRIVATE): a name whose value should not be literal. */
export const SECRET_NAME = /PASSWORD|PASSWD|TOKEN|SECRET|KEY|CREDENTIAL|PRIVATE/i;

export function formatReview(items: ReadonlyArray<ReviewItem>): string {
  if (items.length === 0) return "Nothing in particular to review.";
  const width = Math.max(...items.map((i) => i.field.length));
  return ["Review these fields before committing:", ...items.map((i) => `  ${i.field.padEnd(width)}  ${i.why}`)].join(
    "\n",
  );
}
