/**
 * A clock that stands still until the test moves it with `advance`, so
 * time-based behaviour is checked without waiting or fake timers.
 */
export const manualClock = (startInMillis: number) => {
  let nowInMillis = startInMillis;
  const clock = () => nowInMillis;
  clock.advance = (millis: number) => {
    nowInMillis += millis;
  };
  return clock;
};
