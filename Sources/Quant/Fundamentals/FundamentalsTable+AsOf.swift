extension FundamentalsTable {
    /// The index of the first trading date on or after `announceDate`: the close at which a record
    /// announced then becomes known (nil when it is after the last date). Announcements before
    /// the first date map to date 0.
    ///
    /// - Precondition: `dates` strictly increasing `yyyy-MM-dd` strings.
    public static func effectiveDateIndex(announceDate: String, dates: [String]) -> Int? {
        // Binary search for the first date ≥ announceDate (ISO strings order chronologically).
        var lo = 0, hi = dates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if dates[mid] < announceDate { lo = mid + 1 } else { hi = mid }
        }
        return lo < dates.count ? lo : nil
    }

    /// Point-in-time join onto a daily panel: for every field, an asset-major array
    /// (`values[asset * dates.count + date]`, ``PanelLayout``) of what was public at each close.
    ///
    /// Rules (Docs/Fundamentals.md): a record becomes known at the close of its `announce_date`,
    /// or of the next trading date when that is not one of `dates`; a decision at date t sees it
    /// iff its effective date ≤ t. For each field separately, the value at t is that of the
    /// latest `period_end` among the public records with a value for the field (an empty cell
    /// leaves the earlier value standing); a restatement (same `period_end`, later
    /// `announce_date`) replaces the earlier value from its own effective date on; an older
    /// period published after a newer one never displaces the newer one. Records announced after
    /// the last date are ignored, those before the first date apply from the first date; `NaN`
    /// before anything is public. Tickers not in `tickers` are ignored (the loader rejects them).
    ///
    /// - Precondition: `dates` strictly increasing `yyyy-MM-dd` strings (a ``MarketPanel``'s dates).
    public func asOf(dates: [String], tickers: [String]) -> [String: [Double]] {
        for i in dates.indices.dropFirst() {
            precondition(dates[i - 1] < dates[i], "FundamentalsTable.asOf: dates not strictly increasing at \(dates[i])")
        }
        let layout = PanelLayout(assetCount: tickers.count, dateCount: dates.count)
        var assetOf: [String: Int] = [:]
        for (a, t) in tickers.enumerated() where assetOf[t] == nil { assetOf[t] = a }
        // Events per asset: (effective date, record index).
        var events = [[(date: Int, record: Int)]](repeating: [], count: tickers.count)
        for (i, r) in records.enumerated() {
            guard let a = assetOf[r.ticker], let t = Self.effectiveDateIndex(announceDate: r.announceDate, dates: dates) else { continue }
            events[a].append((t, i))
        }
        var out = [String: [Double]]()
        var columns = [[Double]](repeating: layout.filled(.nan), count: fields.count)
        for a in tickers.indices where !events[a].isEmpty {
            // Apply in order of effective date, then announce date, so that a restatement made
            // public on the same close as its original still wins (file order breaks no tie: the
            // loader forbids a repeated (ticker, period_end, announce_date)).
            let ev = events[a].sorted {
                ($0.date, records[$0.record].announceDate, $0.record) < ($1.date, records[$1.record].announceDate, $1.record)
            }
            for k in fields.indices {
                // The newest period known so far and its latest value: periods only ever get
                // added, so the newest one never goes back, and only its restatements matter.
                var period = "", value = Double.nan, e = 0
                for t in 0..<dates.count {
                    while e < ev.count && ev[e].date == t {
                        let r = records[ev[e].record]
                        let v = r.values[k]
                        if !v.isNaN && r.periodEnd >= period { period = r.periodEnd; value = v }
                        e += 1
                    }
                    columns[k][layout.index(asset: a, date: t)] = value
                }
            }
        }
        for (k, f) in fields.enumerated() { out[f] = columns[k] }
        return out
    }

    /// ``asOf(dates:tickers:)`` on the dates and tickers of `panel`.
    public func asOf(_ panel: MarketPanel) -> [String: [Double]] { asOf(dates: panel.dates, tickers: panel.tickers) }
}
