// The baseline's one activity: it does nothing, so what it costs is Temporal's own scheduling.
export function createBaselineActivities() {
  return {
    async nothing(): Promise<void> {},
  };
}
