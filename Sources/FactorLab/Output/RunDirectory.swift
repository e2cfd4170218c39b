import Foundation
import Quant

/// A run's output directory: the one place that knows its file names, writes them as one set and
/// reads them back verified.
///
/// | file | written by | content |
/// |---|---|---|
/// | `run.json` | run, merge | ``RunRecord``: everything needed to re-evaluate or merge |
/// | `predictions.csv` | run, merge | ``PredictionsFile`` |
/// | `summary.json` | run, merge | ``SummaryDocument`` |
/// | `equity.csv` | complete runs | ``EquityFile`` |
/// | `trades.csv` | complete runs | ``TradesFile`` |
/// | `report.html` | run, merge | ``ReportBuilder`` |
/// | `predictions-seeds.csv` | runs with `--seeds N` > 1 | ``SeedPredictionsFile``: every replicate's predictions |
/// | `benchmark.md`, `benchmark.json` | complete runs | ``BenchmarkTable``: qlib-format table, mean±std over seeds |
/// | `sweep.json`, `sweep.txt`, `sweep.html` | sweep | ``SweepDocument``, ``OverfitSweep/table(_:)``, ``ReportBuilder/sweepPage(_:)`` |
/// | `sweep-run.json` | sweep | ``SweepRecord``: inputs, configuration, share and points (what `merge` checks) |
/// | `manifest.json` | every write, last | ``OutputManifest``: each file's size, SHA-256 and write id |
///
/// **Atomic sets.** A write stages every file in a fresh `.staging-<id>` folder inside the
/// directory (same file system, each file flushed to disk), then removes the old manifest, renames
/// the files into place, drops files of the same set that the new write does not have (e.g. an old
/// `equity.csv` under a partial `--fold` run) and writes the new manifest last. Whatever stops the
/// process — `kill -9`, a full disk, a crash — the directory holds either the previous set with
/// its manifest, the new set with its manifest, or no manifest, which every reader refuses
/// (``OutputError/incomplete(path:reason:)``). A failed write removes its staging folder; one left
/// by a killed process is removed by the next write. An exclusive lock (`.factorlab.lock`, held
/// from ``prepare()`` to the end of the run) makes a second process writing the same directory
/// fail at once with ``OutputError/busy(path:)`` instead of mixing files.
public struct RunDirectory: Sendable {
    /// The directory's path (standardised).
    public let path: String

    /// The file names.
    public enum File: String, CaseIterable, Sendable {
        case run = "run.json", predictions = "predictions.csv", summary = "summary.json", equity = "equity.csv"
        case report = "report.html", sweep = "sweep.json", sweepTable = "sweep.txt", sweepPage = "sweep.html"
        case sweepRecord = "sweep-run.json", trades = "trades.csv"
        case seedPredictions = "predictions-seeds.csv", benchmark = "benchmark.md", benchmarkJSON = "benchmark.json"

        /// The files a run or merge writes (one set: written and replaced together).
        public static let runSet: [File] = [.run, .predictions, .summary, .equity, .trades, .report, .seedPredictions, .benchmark, .benchmarkJSON]
        /// The files a sweep writes.
        public static let sweepSet: [File] = [.sweep, .sweepTable, .sweepPage, .sweepRecord]
    }

    /// `manifest.json`.
    public static let manifestName = "manifest.json"
    /// `.factorlab.lock`.
    public static let lockFileName = ".factorlab.lock"
    static let stagingPrefix = ".staging-"

    /// A directory at `path`. Throws ``OutputError/unusable(path:reason:)`` for an empty path.
    public init(_ path: String) throws {
        guard !path.isEmpty else { throw OutputError.unusable(path: "\"\"", reason: "the output directory path is empty") }
        self.path = (path as NSString).standardizingPath
    }

    /// The path of `file` in this directory.
    public func path(of file: File) -> String { (path as NSString).appendingPathComponent(file.rawValue) }

    /// Whether `file` exists here.
    public func contains(_ file: File) -> Bool { FileManager.default.fileExists(atPath: path(of: file)) }

    // MARK: Before any work

    /// Checks that the directory is usable — it exists as a directory or can be created, and is
    /// writable — creates it, takes its lock and removes staging folders left by killed writers.
    /// Call it before computing, so a bad `--out` fails in a second, not after the run. The lock is
    /// held until ``Reservation/release()`` (or the end of the process).
    public func prepare() throws -> Reservation {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError.unusable(path: path, reason: "it exists and is not a directory") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw OutputError.unusable(path: path, reason: "cannot create it (\(Self.reason(error)))")
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw OutputError.unusable(path: path, reason: "it is not writable (\(String(cString: strerror(errno))))")
        }
        let lock = try DirectoryLock.acquire(path)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where name.hasPrefix(Self.stagingPrefix) {
            try? FileManager.default.removeItem(atPath: (path as NSString).appendingPathComponent(name))
        }
        return Reservation(lock: lock)
    }

    /// The directory prepared and locked for writing by this process.
    public struct Reservation: Sendable {
        let lock: DirectoryLock
        /// Gives up the lock (other processes may then write the directory).
        public func release() { lock.release() }
    }

    // MARK: Runs

    /// What a run or merge writes.
    public struct RunOutputs {
        /// The run record.
        public var record: RunRecord
        /// Per model, predictions in the panel's layout.
        public var predictions: [String: [Double]]
        /// The evaluation, when every fold ran.
        public var evaluation: Evaluation?
        /// Sweep outcomes shown in the summary and report (demo).
        public var sweep: [SweepOutcome]?
        /// With `--seeds N` > 1, every replicate's predictions (replicate 0 first); empty otherwise.
        public var seedPredictions: [[String: [Double]]] = []
    }

    /// Publishes `run.json`, `predictions.csv`, `summary.json`, `equity.csv` and `trades.csv`
    /// (complete runs) and `report.html` as one set.
    public func write(_ outputs: RunOutputs, inputs: ResearchInputs, models: ModelRegistry) throws {
        let panel = inputs.panel, record = outputs.record
        var summary = SummaryDocument.json(record: record, panel: panel, quality: inputs.data.quality, evaluation: outputs.evaluation,
                                           complete: outputs.evaluation != nil, models: models)
        if let sweep = outputs.sweep, case .object(var pairs) = summary {
            pairs.append(("sweep", SweepDocument(sweep).json))
            summary = .object(pairs)
        }
        var files: [(File, Data)] = [
            (.run, try record.encoded()),
            (.predictions, Data(PredictionsFile.csv(panel: panel, predictions: outputs.predictions).utf8)),
            (.summary, Data((summary.render(indent: 2) + "\n").utf8)),
        ]
        if outputs.seedPredictions.count > 1 {
            files.append((.seedPredictions, Data(SeedPredictionsFile.csv(panel: panel, config: record.config,
                                                                         seedPredictions: outputs.seedPredictions).utf8)))
        }
        if let e = outputs.evaluation {
            files.append((.equity, Data(try EquityFile.csv(e).utf8)))
            files.append((.trades, Data(TradesFile.csv(e, panel: panel).utf8)))
            let table = BenchmarkTable(evaluation: e, config: record.config, models: models)
            files.append((.benchmark, Data(table.markdown.utf8)))
            files.append((.benchmarkJSON, Data((table.json.render(indent: 2) + "\n").utf8)))
        }
        let report = try ReportBuilder.html(record: record, panel: panel, quality: inputs.data.quality, evaluation: outputs.evaluation,
                                            sweep: outputs.sweep, models: models)
        files.append((.report, Data(report.utf8)))
        try publish(files, set: File.runSet)
    }

    /// Reads `run.json`, verified against the manifest.
    public func record() throws -> RunRecord {
        let data = try verifiedContents(.run, sameWriteAs: [.predictions])
        return try OutputJSON.decode(RunRecord.self, data: data, path: path(of: .run), what: "run.json")
    }

    /// Reads `predictions.csv`, verified against the manifest, into arrays in `panel.layout`.
    public func predictions(panel: MarketPanel) throws -> [String: [Double]] {
        let data = try verifiedContents(.predictions, sameWriteAs: [.run])
        guard let text = String(data: data, encoding: .utf8) else {
            throw OutputError.corrupt(path: path, file: File.predictions.rawValue, reason: "not UTF-8 text")
        }
        return try PredictionsFile.read(text: text, path: path(of: .predictions), panel: panel)
    }

    /// Reads `predictions-seeds.csv` (a run with `--seeds` = `seeds` > 1), verified against the
    /// manifest and written with `run.json`, into per-replicate arrays in `panel.layout`.
    public func seedPredictions(panel: MarketPanel, seeds: Int) throws -> [[String: [Double]]] {
        guard manifestLists(.seedPredictions) else {
            throw OutputError.incomplete(path: path, reason: "run.json says --seeds \(seeds) but the manifest does not list \(File.seedPredictions.rawValue)")
        }
        let data = try verifiedContents(.seedPredictions, sameWriteAs: [.run])
        guard let text = String(data: data, encoding: .utf8) else {
            throw OutputError.corrupt(path: path, file: File.seedPredictions.rawValue, reason: "not UTF-8 text")
        }
        return try SeedPredictionsFile.read(text: text, path: path(of: .seedPredictions), panel: panel, seeds: seeds)
    }

    private func manifestLists(_ file: File) -> Bool { (try? manifest())?.entry(file.rawValue) != nil }

    // MARK: Sweeps

    /// Publishes `sweep.json`, `sweep.txt`, `sweep.html` and (for a sweep that ran, not a merge
    /// of sweeps) `sweep-run.json` as one set.
    public func writeSweep(_ outcomes: [SweepOutcome], record: SweepRecord? = nil) throws {
        var files: [(File, Data)] = [(.sweep, Data((SweepDocument(outcomes).json.render(indent: 2) + "\n").utf8)),
                                     (.sweepTable, Data(OverfitSweep.table(outcomes).utf8)),
                                     (.sweepPage, Data(ReportBuilder.sweepPage(outcomes).utf8))]
        if let record { files.append((.sweepRecord, try OutputJSON.encode(record))) }
        try publish(files, set: File.sweepSet)
    }

    /// Reads `sweep-run.json`, verified against the manifest and written with `sweep.json`.
    public func sweepRecord() throws -> SweepRecord {
        let data = try verifiedContents(.sweepRecord, sameWriteAs: [.sweep])
        return try OutputJSON.decode(SweepRecord.self, data: data, path: path(of: .sweepRecord), what: "sweep-run.json")
    }

    /// Reads `sweep.json`, verified against the manifest.
    public func sweep() throws -> [SweepOutcome] {
        let data = try verifiedContents(.sweep, sameWriteAs: [])
        return try SweepDocument.read(data: data, path: path(of: .sweep)).outcomes
    }

    // MARK: The manifest

    /// The manifest; throws ``OutputError/incomplete(path:reason:)`` when there is none or it is unreadable.
    public func manifest() throws -> OutputManifest {
        let file = (path as NSString).appendingPathComponent(Self.manifestName)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw OutputError.incomplete(path: path, reason: "no \(Self.manifestName): an interrupted or failed write, or output of a FactorLab version before manifests; run it again")
        }
        do { return try JSONDecoder().decode(OutputManifest.self, from: data) } catch {
            throw OutputError.incomplete(path: path, reason: "\(Self.manifestName) is unreadable (\(error))")
        }
    }

    /// The bytes of `file`, after checking them against the manifest and that `others` (when
    /// present) came from the same write.
    func verifiedContents(_ file: File, sameWriteAs others: [File]) throws -> Data {
        let manifest = try manifest()
        guard let entry = manifest.entry(file.rawValue) else {
            throw OutputError.incomplete(path: path, reason: "the manifest does not list \(file.rawValue)")
        }
        guard let data = FileManager.default.contents(atPath: path(of: file)) else {
            throw OutputError.corrupt(path: path, file: file.rawValue, reason: "listed in the manifest but missing or unreadable")
        }
        guard data.count == entry.bytes, OutputManifest.digest(data) == entry.sha256 else {
            throw OutputError.corrupt(path: path, file: file.rawValue, reason: "its content does not match the manifest (changed after the run, or left by another run)")
        }
        for other in others where manifest.entry(other.rawValue)?.writeID != entry.writeID {
            throw OutputError.corrupt(path: path, file: other.rawValue, reason: "not written together with \(file.rawValue)")
        }
        return data
    }

    // MARK: Publishing

    /// Stages `files`, then swaps them in as one set (see the type's notes); files of `set` that
    /// `files` lacks are removed.
    private func publish(_ files: [(File, Data)], set: [File]) throws {
        let reservation = try prepare()
        defer { reservation.release() }
        let fm = FileManager.default
        let writeID = UUID().uuidString.lowercased()
        let staging = (path as NSString).appendingPathComponent(Self.stagingPrefix + writeID)
        let fault = FaultInjection.current
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError.writeFailed(path: path, file: nil, reason: Self.reason(error))
        }
        var entries: [OutputManifest.Entry] = []
        do {
            for (file, data) in files {
                fault.step("stage \(file.rawValue)")
                try DurableFile.write(data, to: (staging as NSString).appendingPathComponent(file.rawValue))
                entries.append(.init(name: file.rawValue, bytes: data.count, sha256: OutputManifest.digest(data), writeID: writeID))
            }
            // Entries of the other set stay valid only while their files are untouched.
            let previous = (try? manifest())?.files ?? []
            let kept = previous.filter { e in
                !set.map(\.rawValue).contains(e.name) && !entries.contains { $0.name == e.name }
            }
            var manifest = OutputManifest(files: (entries + kept).sorted { $0.name < $1.name })
            manifest.version = 1
            let manifestData = try OutputJSON.encode(manifest)
            let stagedManifest = (staging as NSString).appendingPathComponent(Self.manifestName)
            try DurableFile.write(manifestData, to: stagedManifest)
            fault.pauseBeforePublishing()
            // From here until the new manifest is in place, readers refuse the directory.
            fault.step("remove manifest")
            try Self.removeIfPresent((path as NSString).appendingPathComponent(Self.manifestName))
            for stale in set where !files.contains(where: { $0.0 == stale }) {
                fault.step("remove stale \(stale.rawValue)")
                try Self.removeIfPresent(path(of: stale))
            }
            for (file, _) in files {
                fault.step("rename \(file.rawValue)")
                try Self.rename((staging as NSString).appendingPathComponent(file.rawValue), to: path(of: file))
            }
            fault.step("rename manifest")
            try Self.rename(stagedManifest, to: (path as NSString).appendingPathComponent(Self.manifestName))
            DurableFile.syncDirectory(path)
        } catch {
            try? fm.removeItem(atPath: staging)
            if let e = error as? OutputError { throw e }
            throw OutputError.writeFailed(path: path, file: nil, reason: Self.reason(error))
        }
        try? fm.removeItem(atPath: staging)
    }

    private static func rename(_ from: String, to: String) throws {
        guard Foundation.rename(from, to) == 0 else {
            throw OutputError.writeFailed(path: (to as NSString).deletingLastPathComponent, file: (to as NSString).lastPathComponent,
                                          reason: String(cString: strerror(errno)))
        }
    }

    private static func removeIfPresent(_ file: String) throws {
        guard unlink(file) == 0 || errno == ENOENT else {
            throw OutputError.writeFailed(path: (file as NSString).deletingLastPathComponent, file: (file as NSString).lastPathComponent,
                                          reason: String(cString: strerror(errno)))
        }
    }

    /// A readable reason for a Foundation or POSIX error (no raw `NSCocoaErrorDomain` dumps).
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let e = error as? OutputError { return e.description }
        return ns.localizedDescription
    }
}
