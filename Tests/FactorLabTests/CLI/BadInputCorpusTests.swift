import Foundation
import Testing

/// The bad-input corpus (Resources/bad-inputs/cases.json): every case runs through the built
/// `factorlab` executable exactly as a user types it, and must end in its documented category —
/// a usage error (exit 64) or a data error (exit 1) naming the problem, or documented handling
/// (exit 0 with the documented warning or output) — and never in a crash.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
    struct Corpus: Decodable {
        var cases: [Case]
    }

    struct Case: Decodable {
        var name: String
        var args: [String]
        /// `usage` (64), `error` (1) or `ok` (0).
        var expect: String
        var stderr: [String]?
        var stdout: [String]?
        var files: [String: String]?
        var dirs: [String]?
        var outputs: [String: [String]]?
        var absent: [String: [String]]?
    }

    static let folder = Bundle.module.url(forResource: "bad-inputs", withExtension: nil, subdirectory: "Resources")!

    static func loadCorpus() throws -> [Case] {
        try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: folder.appendingPathComponent("cases.json"))).cases
    }

    /// What went wrong with one case (empty = it behaved as documented).
    static func problems(of c: Case, in directory: URL) throws -> [String] {
        let fm = FileManager.default
        for d in c.dirs ?? [] { try fm.createDirectory(at: directory.appendingPathComponent(d), withIntermediateDirectories: true) }
        for (name, text) in c.files ?? [:] {
            let url = directory.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let args = c.args.map { $0.hasPrefix("@res/") ? folder.appendingPathComponent(String($0.dropFirst(5))).path : $0 }
        let r = try ExecutableRunner.run(args, in: directory, timeout: 60)
        var out: [String] = []
        if r.timedOut { out.append("timed out after \(Int(r.seconds)) s") }
        if r.signalled || [132, 133, 134, 139].contains(r.status) { out.append("crashed (signal or status \(r.status))") }
        for trap in ["Fatal error", "Swift runtime failure", "Illegal instruction", "Segmentation fault", "Stack dump"]
        where r.stderr.contains(trap) {
            out.append("stderr shows a runtime trap ('\(trap)')")
        }
        let wanted: Int32 = switch c.expect { case "usage": 64; case "error": 1; default: 0 }
        if r.status != wanted { out.append("exit \(r.status), expected \(wanted) (\(c.expect))") }
        for s in c.stderr ?? [] where !r.stderr.contains(s) { out.append("stderr lacks '\(s)'") }
        for s in c.stdout ?? [] where !r.stdout.contains(s) { out.append("stdout lacks '\(s)'") }
        for (file, needles) in c.outputs ?? [:] {
            let text = (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? ""
            for s in needles where !text.contains(s) { out.append("\(file) lacks '\(s)'") }
        }
        for (file, needles) in c.absent ?? [:] {
            let text = file == "<stderr>" ? r.stderr : ((try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)) ?? "")
            for s in needles where text.contains(s) { out.append("\(file) contains '\(s)'") }
        }
        if !out.isEmpty {
            out.append("stderr: \(r.stderr.suffix(600))")
        }
        return out
    }

    @Test("every case ends in its documented category, never in a crash")
    func corpus() throws {
        let cases = try Self.loadCorpus()
        #expect(cases.count >= 100)
        #expect(Set(cases.map(\.name)).count == cases.count, "case names must be unique")
        #expect(FileManager.default.isExecutableFile(atPath: ExecutableRunner.factorlab.path),
                "build the executable with the tests: swift build --build-tests")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("factorlab-bad-inputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (i, c) in cases.enumerated() {
            let directory = root.appendingPathComponent("case-\(i)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let problems = try Self.problems(of: c, in: directory)
            #expect(problems.isEmpty, "case '\(c.name)' (factorlab \(c.args.joined(separator: " "))): \(problems.joined(separator: "; "))")
        }
    }

    /// The runner's own categories: a failing expectation must be reported, so the corpus can fail.
    @Test("a wrong expectation is reported")
    func wrongExpectationFails() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("factorlab-bad-inputs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let c = Case(name: "missing file claimed ok", args: ["risk", "nope.csv"], expect: "ok", stderr: ["no such text"],
                     stdout: nil, files: nil, dirs: nil, outputs: nil, absent: nil)
        let problems = try Self.problems(of: c, in: root)
        #expect(problems.contains { $0.hasPrefix("exit 1, expected 0") })
        #expect(problems.contains { $0 == "stderr lacks 'no such text'" })
    }
}
