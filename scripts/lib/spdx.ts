/** SPDX licence expressions (`MIT OR Apache-2.0`, `(A AND B)`), for scripts/licences.ts. */

/** Whether an SPDX expression is satisfied by allowed licences: any side of OR, every side of AND. */
export function expressionAllowed(expression: string, allowed: (id: string) => boolean): boolean {
  const tokens = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;
  const orExpression = (): boolean => {
    let result = andExpression();
    while (tokens[at] === "OR") {
      at += 1;
      result = andExpression() || result;
    }
    return result;
  };
  const andExpression = (): boolean => {
    let result = operand();
    while (tokens[at] === "AND") {
      at += 1;
      result = operand() && result;
    }
    return result;
  };
  const operand = (): boolean => {
    const token = tokens[at++];
    if (token === "(") {
      const inner = orExpression();
      at += 1; // ")"
      return inner;
    }
    if (tokens[at] === "WITH") at += 2; // an exception only widens what the licence allows
    return token !== undefined && allowed(token.replace(/\+$/, ""));
  };
  const result = orExpression();
  return result && at === tokens.length;
}
