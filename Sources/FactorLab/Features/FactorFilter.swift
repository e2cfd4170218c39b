import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The user's choice of candidate factors (`--factors`): comma-separated names or shell globs
/// (`ma*_rel`, `K*`), each optionally prefixed with `!` to exclude.
///
/// With at least one positive pattern, a factor is kept when it matches one of them; then every
/// factor matching a `!` pattern is dropped. With only `!` patterns, everything else is kept.
/// Matching is case-sensitive (`fnmatch` without flags): the paper's names are lower case, qlib's
/// Alpha158/Alpha360 names upper case.
public struct FactorFilter: Sendable, Equatable, Codable {
    /// The patterns, in the order given.
    public var patterns: [String]

    /// Keeps everything.
    public static let all = FactorFilter(patterns: [])

    /// A filter of `patterns`.
    public init(patterns: [String]) { self.patterns = patterns }

    /// Parses `--factors` text (comma-separated, blanks around items ignored).
    public init(parsing text: String) throws {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !items.isEmpty, items.allSatisfy({ !$0.isEmpty && $0 != "!" }) else {
            throw FactorFilterError.empty(text)
        }
        patterns = items
    }

    private var included: [String] { patterns.filter { !$0.hasPrefix("!") } }
    private var excluded: [String] { patterns.filter { $0.hasPrefix("!") }.map { String($0.dropFirst()) } }

    /// Whether `name` is selected.
    public func keeps(_ name: String) -> Bool {
        let inc = included
        if !inc.isEmpty && !inc.contains(where: { Self.matches($0, name) }) { return false }
        return !excluded.contains { Self.matches($0, name) }
    }

    /// `names` filtered, in their order. Throws ``FactorFilterError/noMatch(pattern:)`` for a
    /// pattern that matches no candidate (a typo would otherwise silently change the model).
    public func apply(to names: [String]) throws -> [String] {
        for p in patterns {
            let bare = p.hasPrefix("!") ? String(p.dropFirst()) : p
            if !names.contains(where: { Self.matches(bare, $0) }) { throw FactorFilterError.noMatch(pattern: p, candidates: names.count) }
        }
        return names.filter(keeps)
    }

    /// Shell-glob match of `name` against `pattern` (`*`, `?`, `[…]`).
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, 0) == 0
    }
}

/// A `--factors` selection that cannot be used.
public enum FactorFilterError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The text holds no pattern.
    case empty(String)
    /// A pattern matches none of the candidate factors.
    case noMatch(pattern: String, candidates: Int)

    public var description: String {
        switch self {
        case let .empty(t): return "--factors needs comma-separated names or globs, optionally prefixed with '!' (got '\(t)')"
        case let .noMatch(p, n): return "--factors: '\(p)' matches none of the \(n) candidate factors (see `factorlab screen` for their names)"
        }
    }
}
