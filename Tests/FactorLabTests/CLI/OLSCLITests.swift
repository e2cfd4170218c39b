import Foundation
import Testing

/// `factorlab ols` as a process, exactly as a user runs it: CSV files on disk, the built
/// executable, JSON or text on stdout, errors on stderr with a non-zero exit status.
@Suite struct OLSCLITests {
    /// The regression references shared with TensorsTests (the source tree, not a bundle).
    static func reference(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../TensorsTests/Resources/regression/\(name).json").standardizedFileURL
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ols-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try ExecutableRunner.run(["ols"] + arguments)
        return (r.status, r.stdout, r.stderr)
    }

    /// Runs with `--json` and returns the object (the test fails on a non-zero status).
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try run(arguments + ["--json"])
        #expect(r.status == 0, "factorlab ols \(arguments): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func lre(_ estimate: Double, _ certified: Double) -> Double {
        if estimate == certified { return 15 }
        let err = certified == 0 ? abs(estimate) : abs(estimate - certified) / abs(certified)
        return min(15, -log10(err))
    }

    /// JSON numbers (or their "NaN"/"Infinity" strings) in `names` order.
    static func values(_ object: Any?, _ names: [String]) -> [Double] {
        let map = object as? [String: Any] ?? [:]
        return names.map { (map[$0] as? NSNumber)?.doubleValue ?? .nan }
    }

    @Test func allElevenNISTDatasetsReachThirteenDigits() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = try Self.reference("nist_strd")
        var report: [String] = []
        for ds in root["datasets"] as! [[String: Any]] {
            let name = ds["name"] as! String, intercept = ds["intercept"] as! Bool
            let cert = ds["certified"] as! [String: Any]
            let y = (ds["y"] as! [NSNumber]).map(\.doubleValue)
            var header = ["y"], columns = [y]
            var arguments: [String]
            var names: [String]
            if ds["model_kind"] as! String == "polynomial" {
                header.append("x"); columns.append((ds["x"] as! [NSNumber]).map(\.doubleValue))
                let degree = ds["polynomial_degree"] as! Int
                if degree == 1 {
                    // Plain data: the straight lines (Norris, NoInt1/2) as columns.
                    arguments = ["--y", "y", "--x", "x"] + (intercept ? [] : ["--no-intercept"])
                    names = (intercept ? ["const"] : []) + ["x"]
                } else if name == "Filip" {
                    arguments = ["--formula", "y ~ x + " + (2...degree).map { "I(x**\($0))" }.joined(separator: " + ")]
                    names = ["Intercept", "x"] + (2...degree).map { "I(x ** \($0))" }
                } else {
                    arguments = ["--formula", "y ~ poly(x, \(degree))"]
                    names = ["Intercept"] + (0..<degree).map { "poly(x, \(degree))[\($0)]" }
                }
            } else {
                let rows = (ds["x"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
                let xNames = ds["x_columns"] as! [String]
                for (j, n) in xNames.enumerated() { header.append(n); columns.append(rows.map { $0[j] }) }
                arguments = ["--y", "y"]  // default: every other numeric column
                names = ["const"] + xNames
            }
            let csv = header.joined(separator: ",") + "\n"
                + y.indices.map { i in columns.map { $0[i].description }.joined(separator: ",") }.joined(separator: "\n") + "\n"
            let file = dir.appendingPathComponent("\(name).csv")
            try csv.write(to: file, atomically: true, encoding: .utf8)
            let out = try Self.json([file.path] + arguments)
            let b = Self.values(out["coefficients"], names), se = Self.values(out["std_errors"], names)
            let certB = (cert["coefficients"] as! [NSNumber]).map(\.doubleValue)
            let certSD = (cert["coefficient_sd"] as! [NSNumber]).map(\.doubleValue)
            var worst = 15.0
            for j in certB.indices {
                let lb = Self.lre(b[j], certB[j]), ls = Self.lre(se[j], certSD[j])
                #expect(lb >= 13 && ls >= 13, "\(name) \(names[j]): LRE \(lb), SD \(ls)")
                worst = min(worst, lb, ls)
            }
            let lsd = Self.lre((out["residual_std_error"] as? NSNumber)?.doubleValue ?? .nan, (cert["residual_sd"] as! NSNumber).doubleValue)
            let lr2 = Self.lre((out["r_squared"] as? NSNumber)?.doubleValue ?? .nan, (cert["r_squared"] as! NSNumber).doubleValue)
            #expect(lsd >= 13 && lr2 >= 13, "\(name): residual SD LRE \(lsd), R² \(lr2)")
            report.append(String(format: "%@ %.1f/%.1f/%.1f", name, worst, lsd, lr2))
        }
        print("factorlab ols NIST min LRE coef+SD / resSD / R²: " + report.joined(separator: ", "))
    }

    @Test func heldBackExactRationalCasesReachThirteenDigits() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for c in try Self.reference("ols_exact_rational_reference")["cases"] as! [[String: Any]] {
            let name = c["name"] as! String
            let file = dir.appendingPathComponent("\(name).csv")
            try (c["csv"] as! String).write(to: file, atomically: true, encoding: .utf8)
            let request = c["request"] as! [String: String]
            var arguments = [file.path]
            if let f = request["formula"] { arguments += ["--formula", f] }
            if let y = request["y"] { arguments += ["--y", y] }
            if let x = request["x"] { arguments += ["--x", x] }
            if let w = request["weights"] { arguments += ["--weights", w] }
            let out = try Self.json(arguments)
            let names = c["names"] as! [String]
            let b = Self.values(out["coefficients"], names), se = Self.values(out["std_errors"], names)
            for (j, (wantB, wantSE)) in zip(c["coefficients"] as! [String], c["std_errors"] as! [String]).enumerated() {
                let lb = Self.lre(b[j], Double(wantB)!), ls = Self.lre(se[j], Double(wantSE)!)
                #expect(lb >= 13 && ls >= 13, "\(name) \(names[j]): LRE \(lb), SE \(ls)")
            }
            let lsd = Self.lre((out["residual_std_error"] as? NSNumber)?.doubleValue ?? .nan, Double(c["residual_sd"] as! String)!)
            let lr2 = Self.lre((out["r_squared"] as? NSNumber)?.doubleValue ?? .nan, Double(c["r_squared"] as! String)!)
            #expect(lsd >= 13 && lr2 >= 13, "\(name): residual SD LRE \(lsd), R² \(lr2)")
        }
    }

    @Test func badInputIsATypedErrorNamingTheProblem() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("f.csv")
        try "y,x,z,sector\n1,1,2,a\n2,2,1.5,b\n2,3,3.5x,a\n4,4,2.5,c\n3,5,4,b\n".write(to: file, atomically: true, encoding: .utf8)
        // One text cell in a numeric column: an error with file, line and column (not a dropped regressor).
        var r = try Self.run([file.path, "--y", "y"])
        #expect(r.status == 1 && r.stderr.contains("\(file.path):4: column 'z': '3.5x' is not a number"), "\(r.stderr)")
        // Unknown column and bad syntax (with a caret under the position).
        r = try Self.run([file.path, "--formula", "y ~ x + log(q)"])
        #expect(r.status == 1 && r.stderr.contains("unknown column 'q'") && r.stderr.contains("            ^"), "\(r.stderr)")
        r = try Self.run([file.path, "--formula", "y ~ x +"])
        #expect(r.status != 0 && r.stderr.contains("formula syntax error") && r.stderr.contains("^"), "\(r.stderr)")
        // validate(): every argument is checked before any work.
        for bad in [["--y", "y", "--lags", "2"], ["--y", "y", "--cov", "HAC"], ["--y", "y", "--cov", "HAC", "--lags", "-1"],
                    ["--y", "y", "--cov", "HC9"], ["--formula", "y ~ x", "--y", "y"], ["--y", "y", "--x", "x,,z"],
                    ["--y", "y", "--x", "x,x"], ["--formula", "y ~ x", "--no-intercept"], []] {
            let v = try Self.run([dir.appendingPathComponent("missing.csv").path] + bad)
            #expect(v.status == 64 && v.stderr.contains("Error"), "\(bad): status \(v.status) \(v.stderr)")
        }
        // HAC lags ≥ n are rejected (they would shrink the standard errors).
        let good = dir.appendingPathComponent("g.csv")
        try "y,x\n1,1\n2,2.5\n2,3\n4,4\n3,5\n".write(to: good, atomically: true, encoding: .utf8)
        r = try Self.run([good.path, "--y", "y", "--cov", "HAC", "--lags", "5"])
        #expect(r.status == 1 && r.stderr.contains("HAC lag count must be ≥ 0 and < the 5 observations"), "\(r.stderr)")
        // A constant response is reported as such.
        try "y,x\n2,1\n2,2.5\n2,3\n2,4\n".write(to: good, atomically: true, encoding: .utf8)
        r = try Self.run([good.path, "--formula", "y ~ x"])
        #expect(r.status == 1 && r.stderr.contains("response 'y' is constant"), "\(r.stderr)")
    }

    @Test func formulasWeightsAndRobustCovariancesReachTheCommand() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("d.csv")
        var csv = "y,x,sector,w\n"
        for i in 0..<40 {
            let x = Double(i) / 4, s = ["a", "b", "c"][i % 3]
            csv += "\(1 + 0.5 * x + (s == "b" ? 1 : 0) + Double((i * 17) % 7) / 10),\(x),\(s),\(1 + Double(i % 4))\n"
        }
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let out = try Self.json([file.path, "--formula", "y ~ x + I(x**2) + C(sector)", "--weights", "w", "--cov", "HC3"])
        let names = Set((out["coefficients"] as? [String: Any] ?? [:]).keys)
        #expect(names == ["Intercept", "x", "I(x ** 2)", "C(sector)[T.b]", "C(sector)[T.c]"])
        let text = try Self.run([file.path, "--formula", "y ~ x + C(sector)", "--cov", "HAC", "--lags", "3"])
        #expect(text.status == 0 && text.stdout.contains("HAC(maxlags=3)") && text.stdout.contains("C(sector)[T.b]"), "\(text.stderr)")
    }
}
