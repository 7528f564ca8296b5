/** GraphiQL's live-updates tab. */
export const LIVE_EXAMPLE_QUERY = `# Live updates. Run this and leave the tab open: each time Treeherder reports jobs of autoland
# that changed (started, finished, classified…), the answer pane shows them. The gateway asks
# Treeherder once per LIVE_POLL_INTERVAL_MS for everyone watching, whatever their number.
# Press the run button again to stop. The Docs pane describes pushCreated and alertSummaryCreated.

subscription WatchAutoland {
  jobsChanged(repository: "autoland") {
    id
    state
    result
    jobType { name symbol }
    platform
    lastModified
    push { revision author }
  }
}
`;
