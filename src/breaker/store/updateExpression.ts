/**
 * Builds one UpdateItem's expression, names and values, so each store
 * command reads as the list of changes it makes. Attribute placeholders are
 * `#<attribute>` and value placeholders `:<label>`, readable in tests.
 */
export class UpdateExpression {
  /** ExpressionAttributeNames. */
  readonly names: Record<string, string> = {};
  /** ExpressionAttributeValues. */
  readonly values: Record<string, unknown> = {};
  private readonly sets: string[] = [];
  private readonly adds: string[] = [];
  private readonly removes: string[] = [];

  /** The placeholder of `attribute`. */
  name(attribute: string): string {
    this.names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  }

  /** The placeholder of a value. */
  value(label: string, value: unknown): string {
    this.values[`:${label}`] = value;
    return `:${label}`;
  }

  /** SET `attribute` to `value`, or REMOVE it when the value is undefined. */
  set(attribute: string, value: unknown): this {
    if (value === undefined) return this.remove(attribute);
    this.sets.push(`${this.name(attribute)} = ${this.value(attribute, value)}`);
    return this;
  }

  /** ADD `amount` to a number attribute, atomically; zero adds nothing. */
  add(attribute: string, amount: number): this {
    if (amount === 0) return this;
    this.adds.push(`${this.name(attribute)} ${this.value(attribute, amount)}`);
    return this;
  }

  /** REMOVE `attribute`. */
  remove(attribute: string): this {
    this.removes.push(this.name(attribute));
    return this;
  }

  /** The UpdateExpression. */
  toString(): string {
    const clauses: string[] = [];
    if (this.sets.length > 0) clauses.push(`SET ${this.sets.join(', ')}`);
    if (this.adds.length > 0) clauses.push(`ADD ${this.adds.join(', ')}`);
    if (this.removes.length > 0) {
      clauses.push(`REMOVE ${this.removes.join(', ')}`);
    }
    return clauses.join(' ');
  }
}
