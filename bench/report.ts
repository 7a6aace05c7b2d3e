/** A target a section checks; see {@link SectionResult}. */
export interface Goal {
  /** What is checked, with the figure, for the summary. */
  readonly description: string;
  readonly met: boolean;
  /**
   * Whether a miss fails the run: only for counts that are deterministic,
   * never for timings, which vary from machine to machine.
   */
  readonly enforced: boolean;
}

/** What one benchmark section prints and checks. */
export interface SectionResult {
  readonly title: string;
  /** The table and any notes, ready to print. */
  readonly lines: readonly string[];
  readonly goals: readonly Goal[];
}

/** What a section needs from the run: the local DynamoDB endpoint. */
export interface BenchEnvironment {
  readonly dynamoDbEndpoint: string;
}

/** One benchmark section. */
export interface Section {
  /** Short name, to run one section alone: `npm run bench -- <name>`. */
  readonly name: string;
  /** Its result, or several when it prints several tables. */
  run(
    environment: BenchEnvironment,
  ): Promise<SectionResult | readonly SectionResult[]>;
}

/** The goals that fail the run. */
export const failedGoals = (results: readonly SectionResult[]): Goal[] =>
  results.flatMap((r) => r.goals.filter((g) => g.enforced && !g.met));
