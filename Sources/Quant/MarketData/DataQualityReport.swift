/// Defects that are reported but do not stop loading (see Docs/Pipeline.md, "Data").
public struct DataQualityReport: Sendable, Equatable, Codable {
    /// One kind of defect: how many rows have it and a few examples (`file:line ticker date`).
    public struct Issue: Sendable, Equatable, Codable {
        /// What the defect is.
        public var kind: String
        /// How many rows (or assets) have it.
        public var count: Int
        /// Up to five examples.
        public var examples: [String]
    }
    /// The issues found, in a fixed order.
    public var issues: [Issue] = []
    /// Columns present in the file but not used (not numeric).
    public var ignoredColumns: [String] = []

    /// Whether nothing was found.
    public var isClean: Bool { issues.allSatisfy { $0.count == 0 } && ignoredColumns.isEmpty }

    /// A multi-line human summary (one line per non-empty issue).
    public var summary: String {
        var lines: [String] = []
        for i in issues where i.count > 0 {
            lines.append("warning: \(i.count) \(i.kind)" + (i.examples.isEmpty ? "" : " (e.g. \(i.examples.joined(separator: "; ")))"))
        }
        if !ignoredColumns.isEmpty { lines.append("notice: ignored non-numeric columns: \(ignoredColumns.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }

    mutating func add(_ kind: String, _ example: String?) {
        if let i = issues.firstIndex(where: { $0.kind == kind }) {
            issues[i].count += 1
            if let e = example, issues[i].examples.count < 5 { issues[i].examples.append(e) }
        } else {
            issues.append(Issue(kind: kind, count: 1, examples: example.map { [$0] } ?? []))
        }
    }
}
