// The answer every intent detector gives: whether it fired and the sentence that made it fire.

export interface SignalDetection {
  readonly detected: boolean;
  /** The sentence that carried the signal, shown to agents as the reason. */
  readonly evidence?: string;
}
