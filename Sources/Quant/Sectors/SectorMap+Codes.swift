extension SectorMap {
    /// The group of every (asset, date) of a panel at `level`, asset-major, with the code → name
    /// table (names sorted, over the rows of `tickers` only). An asset with no row applying on a
    /// date, or whose row has no industry at `.industry`, gets ``GroupCodes/unknown``.
    ///
    /// - Precondition: `dates` strictly increasing `yyyy-MM-dd` strings; `level == .sector` or the map ``hasIndustry``.
    public func codes(dates: [String], tickers: [String], level: SectorLevel = .sector) -> GroupCodes {
        precondition(level == .sector || hasIndustry, "SectorMap.codes: the map has no industry column")
        let layout = PanelLayout(assetCount: tickers.count, dateCount: dates.count)
        let wanted = Set(tickers)
        let rows = assignments.filter { wanted.contains($0.ticker) }
        func name(_ r: SectorAssignment) -> String? { level == .sector ? r.sector : r.industry }
        let names = Array(Set(rows.compactMap(name))).sorted()
        var codeOf: [String: Int] = [:]
        for (c, n) in names.enumerated() { codeOf[n] = c }
        var rowsOf: [String: [SectorAssignment]] = [:]
        for r in rows { rowsOf[r.ticker, default: []].append(r) }
        var codes = [Int](repeating: GroupCodes.unknown, count: layout.count)
        for (a, ticker) in tickers.enumerated() {
            for r in rowsOf[ticker] ?? [] {
                guard let n = name(r), let c = codeOf[n] else { continue }
                // Validated rows of one ticker do not overlap, so each date gets at most one row.
                // Dates are sorted: the row covers the index range [first ≥ start, first > end).
                let lo = r.start.map { s in firstIndex(in: dates) { $0 >= s } } ?? 0
                let hi = r.end.map { e in firstIndex(in: dates) { $0 > e } } ?? dates.count
                for t in lo..<max(lo, hi) { codes[layout.index(asset: a, date: t)] = c }
            }
        }
        return GroupCodes(names: names, codes: codes, layout: layout)
    }

    /// The first index of sorted `dates` where `above` holds (`dates.count` if none); `above` must
    /// be false then true along the dates.
    private func firstIndex(in dates: [String], where above: (String) -> Bool) -> Int {
        var lo = 0, hi = dates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if above(dates[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// ``codes(dates:tickers:level:)`` on the dates and tickers of `panel`.
    public func codes(_ panel: MarketPanel, level: SectorLevel = .sector) -> GroupCodes {
        codes(dates: panel.dates, tickers: panel.tickers, level: level)
    }
}
