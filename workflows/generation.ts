// Which generation of the workflow code a complaint runs: the commands its history holds, as recorded in
// test/histories/<generation>/. Before 1.0.0 there is one (a change to the workflow re-records it); from 1.0.0 on,
// a change to what the workflow commands is a new generation behind a patch (a `patched` branch), kept until no
// complaint of the older one runs (docs/versioning.md). Admins find the complaints of a generation by the
// ComplaintGeneration search attribute; the getGeneration query answers for one complaint.

export const GENERATION = '0.9';
