import Foundation
@testable import Quant
import Testing

/// The sector tools against an independent pandas/scipy computation
/// (Resources/sectors/sectors_reference.json, made by Scripts/reference/sectors_reference.py).
@Suite struct SectorReferenceTests {
    struct Reference {
        let groups: GroupCodes
        let factor: [Double], fwd: [Double], caps: [Double]
        let json: [String: Any]

        init() throws {
            let url = try #require(Bundle.module.url(forResource: "sectors_reference", withExtension: "json", subdirectory: "Resources/sectors"))
            json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let layout = PanelLayout(assetCount: json["assets"] as! Int, dateCount: json["dates"] as! Int)
            let g = json["groups"] as! Int
            groups = GroupCodes(names: (0..<g).map { "s\($0)" }, codes: json["codes"] as! [Int], layout: layout)
            factor = Self.vec(json["factor"]); fwd = Self.vec(json["fwd"]); caps = Self.vec(json["caps"])
        }

        /// Numbers with `null` as NaN.
        static func vec(_ a: Any?) -> [Double] { ((a as? [Any]) ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }
    }

    @Test func sectorNeutralMatchesPandas() throws {
        let ref = try Reference()
        let got = SectorNeutral.standardize(ref.factor, groups: ref.groups)
        let want = Reference.vec(ref.json["sector_neutral"])
        #expect(close(got, want, rtol: 1e-12, atol: 1e-12), "\(firstMismatch(got, want, rtol: 1e-12, atol: 1e-12))")
        #expect(want.contains { $0.isNaN } && want.contains { $0.isFinite })
    }

    @Test func industryReturnMatchesPandas() throws {
        let ref = try Reference()
        let eq = IndustryReturn.excludingSelf(returns: ref.fwd, groups: ref.groups)
        let cw = IndustryReturn.excludingSelf(returns: ref.fwd, groups: ref.groups, weights: ref.caps)
        let wantEq = Reference.vec(ref.json["industry_return_equal"]), wantCw = Reference.vec(ref.json["industry_return_cap"])
        #expect(close(eq, wantEq, rtol: 1e-10, atol: 1e-14), "\(firstMismatch(eq, wantEq, rtol: 1e-10, atol: 1e-14))")
        #expect(close(cw, wantCw, rtol: 1e-10, atol: 1e-14), "\(firstMismatch(cw, wantCw, rtol: 1e-10, atol: 1e-14))")
        #expect(eq != cw)
    }

    @Test func perSectorICMatchesScipy() throws {
        let ref = try Reference()
        let results = try InformationCoefficient.byGroup(factor: ref.factor, forwardReturns: ref.fwd, groups: ref.groups)
        let ic = try #require(ref.json["ic"] as? [String: [String: Any]])
        for r in results {
            let want = try #require(ic[String(r.code)])
            let series = Reference.vec(want["ics"])
            #expect(close(r.ics, series, rtol: 1e-12), "\(r.name): \(firstMismatch(r.ics, series, rtol: 1e-12))")
            #expect(r.summary.n == want["n"] as? Int)
            for (got, key) in [(r.summary.mean, "mean"), (r.summary.std, "std"), (r.summary.icir, "icir"),
                               (r.summary.tStat, "t"), (r.summary.pValue, "p")] {
                #expect(close(got, Reference.vec([want[key]!])[0], rtol: 1e-9), "\(r.name) \(key)")
            }
        }
    }
}
