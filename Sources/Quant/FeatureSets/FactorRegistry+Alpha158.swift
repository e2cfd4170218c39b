import Foundation

extension FactorRegistry {
    /// qlib's Alpha158 feature set (`Alpha158DL.get_feature_config()` defaults): 9 K-bar shapes,
    /// OPEN0 HIGH0 LOW0 VWAP0, and 29 rolling operators × windows 5, 10, 20, 30, 60, named as in
    /// qlib (upper case, e.g. `KMID`, `MA20`, `CORD60`). Each definition's `formula` is qlib's
    /// expression. Conventions (Docs/Factors.md): NaN until the window is full and wherever an
    /// input in it is missing (qlib fills partial windows); NaN where qlib's arithmetic gives
    /// ±inf/NaN; `VWAP0` needs a `vwap` column and is otherwise unavailable (157 of 158 remain).
    public static let alpha158: FactorRegistry = {
        // Names are unique by construction (FeatureSets tests check all 158).
        try! FactorRegistry(definitions: makeAlpha158())
    }()

    /// Alpha158's rolling windows.
    static let alpha158Windows = [5, 10, 20, 30, 60]

    static func makeAlpha158() -> [FactorDefinition] {
        typealias R = Rolling
        typealias Q = QlibSeries
        var d: [FactorDefinition] = []
        func add(_ name: String, _ fields: Set<MarketField>, _ formula: String,
                 _ f: @escaping @Sendable (SeriesInput) -> [Double]) {
            d.append(FactorDefinition(name: name, fields: fields, formula: formula) { R.finiteOrNaN(f($0)) })
        }
        let eps = 1e-12  // qlib's guard on denominators that can be 0
        // KBAR: the day's candle shape.
        add("KMID", [.open, .close], "($close-$open)/$open") { s in Q.map(s.close, s.open) { c, o in (c - o) / o } }
        add("KLEN", [.open, .high, .low], "($high-$low)/$open") { s in Q.map(s.high, s.low, s.open) { h, l, o in (h - l) / o } }
        add("KMID2", [.open, .high, .low, .close], "($close-$open)/($high-$low+1e-12)") { s in
            Q.map(s.close, s.open, s.high, s.low) { c, o, h, l in (c - o) / (h - l + eps) }
        }
        add("KUP", [.open, .high, .close], "($high-Greater($open, $close))/$open") { s in
            Q.map(s.high, s.open, s.close) { h, o, c in (h - Q.greater(o, c)) / o }
        }
        add("KUP2", [.open, .high, .low, .close], "($high-Greater($open, $close))/($high-$low+1e-12)") { s in
            Q.map(s.high, s.open, s.close, s.low) { h, o, c, l in (h - Q.greater(o, c)) / (h - l + eps) }
        }
        add("KLOW", [.open, .low, .close], "(Less($open, $close)-$low)/$open") { s in
            Q.map(s.low, s.open, s.close) { l, o, c in (Q.less(o, c) - l) / o }
        }
        add("KLOW2", [.open, .high, .low, .close], "(Less($open, $close)-$low)/($high-$low+1e-12)") { s in
            Q.map(s.low, s.open, s.close, s.high) { l, o, c, h in (Q.less(o, c) - l) / (h - l + eps) }
        }
        add("KSFT", [.open, .high, .low, .close], "(2*$close-$high-$low)/$open") { s in
            Q.map(s.close, s.high, s.low, s.open) { c, h, l, o in (2 * c - h - l) / o }
        }
        add("KSFT2", [.high, .low, .close], "(2*$close-$high-$low)/($high-$low+1e-12)") { s in
            Q.map(s.close, s.high, s.low) { c, h, l in (2 * c - h - l) / (h - l + eps) }
        }
        // Today's prices relative to the close.
        for (name, field, key) in [("OPEN0", MarketField.open, "open"), ("HIGH0", .high, "high"), ("LOW0", .low, "low"),
                                   ("VWAP0", .vwap, "vwap")] {
            add(name, [field, .close], "$\(key)/$close") { s in Q.ratio(Q.series(s, field), s.close) }
        }
        let w = alpha158Windows
        let c: Set<MarketField> = [.close], v: Set<MarketField> = [.volume], cv: Set<MarketField> = [.close, .volume]
        for n in w { add("ROC\(n)", c, "Ref($close, \(n))/$close") { s in Q.ratio(R.lag(s.close, n), s.close) } }
        for n in w { add("MA\(n)", c, "Mean($close, \(n))/$close") { s in Q.ratio(R.windowMean(s.close, n), s.close) } }
        for n in w { add("STD\(n)", c, "Std($close, \(n))/$close") { s in Q.ratio(R.windowStd(s.close, n), s.close) } }
        for n in w { add("BETA\(n)", c, "Slope($close, \(n))/$close") { s in Q.ratio(Q.regression(s, n).slope, s.close) } }
        for n in w { add("RSQR\(n)", c, "Rsquare($close, \(n))") { s in Q.regression(s, n).rsquare } }
        for n in w { add("RESI\(n)", c, "Resi($close, \(n))/$close") { s in Q.ratio(Q.regression(s, n).resi, s.close) } }
        for n in w { add("MAX\(n)", [.high, .close], "Max($high, \(n))/$close") { s in Q.ratio(Q.maxHigh(s, n), s.close) } }
        for n in w { add("MIN\(n)", [.low, .close], "Min($low, \(n))/$close") { s in Q.ratio(Q.minLow(s, n), s.close) } }
        for n in w { add("QTLU\(n)", c, "Quantile($close, \(n), 0.8)/$close") { s in Q.ratio(Q.quantiles(s, n).upper, s.close) } }
        for n in w { add("QTLD\(n)", c, "Quantile($close, \(n), 0.2)/$close") { s in Q.ratio(Q.quantiles(s, n).lower, s.close) } }
        for n in w { add("RANK\(n)", c, "Rank($close, \(n))") { s in R.windowRank(s.close, n) } }
        for n in w {
            add("RSV\(n)", [.high, .low, .close], "($close-Min($low, \(n)))/(Max($high, \(n))-Min($low, \(n))+1e-12)") { s in
                let hi = Q.maxHigh(s, n), lo = Q.minLow(s, n)
                return s.close.indices.map { (s.close[$0] - lo[$0]) / (hi[$0] - lo[$0] + eps) }
            }
        }
        for n in w { add("IMAX\(n)", [.high], "IdxMax($high, \(n))/\(n)") { s in Q.scaled(Q.argMaxHigh(s, n), n) } }
        for n in w { add("IMIN\(n)", [.low], "IdxMin($low, \(n))/\(n)") { s in Q.scaled(Q.argMinLow(s, n), n) } }
        for n in w {
            add("IMXD\(n)", [.high, .low], "(IdxMax($high, \(n))-IdxMin($low, \(n)))/\(n)") { s in
                let a = Q.argMaxHigh(s, n), b = Q.argMinLow(s, n)
                return a.indices.map { (a[$0] - b[$0]) / Double(n) }
            }
        }
        for n in w {
            add("CORR\(n)", cv, "Corr($close, Log($volume+1), \(n))") { s in
                R.windowCorr(s.close, s.memo("qlib#logv1") { s.volume.map { Foundation.log($0 + 1) } }, n)
            }
        }
        for n in w {
            add("CORD\(n)", cv, "Corr($close/Ref($close,1), Log($volume/Ref($volume, 1)+1), \(n))") { s in
                let cr = s.memo("qlib#cratio") { Q.ratio(s.close, R.lag(s.close, 1)) }
                let vr = s.memo("qlib#logvratio") { Q.ratio(s.volume, R.lag(s.volume, 1)).map { Foundation.log($0 + 1) } }
                return R.windowCorr(cr, R.finiteOrNaN(vr), n)
            }
        }
        for n in w { add("CNTP\(n)", c, "Mean($close>Ref($close, 1), \(n))") { s in Q.mean(s, "up", n) { Q.up(s) } } }
        for n in w { add("CNTN\(n)", c, "Mean($close<Ref($close, 1), \(n))") { s in Q.mean(s, "down", n) { Q.down(s) } } }
        for n in w {
            add("CNTD\(n)", c, "Mean($close>Ref($close, 1), \(n))-Mean($close<Ref($close, 1), \(n))") { s in
                zip(Q.mean(s, "up", n) { Q.up(s) }, Q.mean(s, "down", n) { Q.down(s) }).map { $0 - $1 }
            }
        }
        // Gains and losses over the absolute moves, for close (SUM*) and volume (VSUM*).
        for (p, field, key) in [("", MarketField.close, "close"), ("V", .volume, "volume")] {
            func tail(_ n: Int) -> String { "/(Sum(Abs($\(key)-Ref($\(key), 1)), \(n))+1e-12)" }
            for n in w {
                add("\(p)SUMP\(n)", [field], "Sum(Greater($\(key)-Ref($\(key), 1), 0), \(n))" + tail(n)) { s in
                    let m = Q.moves(s, field)
                    return Q.over(Q.sum(s, "g.\(key)", n) { m.gain }, Q.sum(s, "a.\(key)", n) { m.abs }, eps)
                }
            }
            for n in w {
                add("\(p)SUMN\(n)", [field], "Sum(Greater(Ref($\(key), 1)-$\(key), 0), \(n))" + tail(n)) { s in
                    let m = Q.moves(s, field)
                    return Q.over(Q.sum(s, "l.\(key)", n) { m.loss }, Q.sum(s, "a.\(key)", n) { m.abs }, eps)
                }
            }
            for n in w {
                add("\(p)SUMD\(n)", [field], "(Sum(Greater($\(key)-Ref($\(key), 1), 0), \(n))-Sum(Greater(Ref($\(key), 1)-$\(key), 0), \(n)))"
                    + tail(n)) { s in
                    let m = Q.moves(s, field)
                    let g = Q.sum(s, "g.\(key)", n) { m.gain }, l = Q.sum(s, "l.\(key)", n) { m.loss }
                    return Q.over(zip(g, l).map { $0 - $1 }, Q.sum(s, "a.\(key)", n) { m.abs }, eps)
                }
            }
            // qlib's order: SUMP SUMN SUMD right after CNTD; VMA VSTD WVMA before VSUMP VSUMN VSUMD.
            if p.isEmpty {
                for n in w { add("VMA\(n)", v, "Mean($volume, \(n))/($volume+1e-12)") { s in Q.over(R.windowMean(s.volume, n), s.volume, eps) } }
                for n in w { add("VSTD\(n)", v, "Std($volume, \(n))/($volume+1e-12)") { s in Q.over(R.windowStd(s.volume, n), s.volume, eps) } }
                for n in w {
                    add("WVMA\(n)", cv, "Std(Abs($close/Ref($close, 1)-1)*$volume, \(n))/(Mean(Abs($close/Ref($close, 1)-1)*$volume, \(n))+1e-12)") { s in
                        let x = s.memo("qlib#wv") {
                            let r = Q.ratio(s.close, R.lag(s.close, 1))
                            return s.volume.indices.map { abs(r[$0] - 1) * s.volume[$0] }
                        }
                        return Q.over(R.windowStd(x, n), R.windowMean(x, n), eps)
                    }
                }
            }
        }
        return d
    }
}
