/// Preprocessing applied to a panel, along either axis, with a fit/apply split so that every
/// statistic used on later data was fitted on training dates only.
public enum PanelAxis: String, Sendable {
    /// Per asset, over time (each asset's own history).
    case timeSeries
    /// Per date, across assets (the cross-section).
    case crossSection
}

extension Panel {
    /// MAD outlier handling along `axis`; for `.timeSeries` the median/MAD of each asset are
    /// fitted on `trainingDates` (all dates if nil) and applied to every date.
    public func winsorized(_ w: MADWinsorizer = MADWinsorizer(), axis: PanelAxis,
                           trainingDates: Range<Int>? = nil) -> Panel {
        switch axis {
        case .crossSection: return mapCrossSections { w.apply($0) }
        case .timeSeries:
            let train = trainingDates ?? 0..<dateCount
            return mapSeries { s in w.fit(s[(s.startIndex + train.lowerBound)..<(s.startIndex + train.upperBound)]).apply(s) }
        }
    }

    /// z-score along `axis`; for `.timeSeries` mean/std fitted on `trainingDates` only.
    public func standardized(_ z: ZScore = ZScore(), axis: PanelAxis, trainingDates: Range<Int>? = nil) -> Panel {
        switch axis {
        case .crossSection: return mapCrossSections { z.apply($0) }
        case .timeSeries:
            let train = trainingDates ?? 0..<dateCount
            return mapSeries { s in z.fit(s[(s.startIndex + train.lowerBound)..<(s.startIndex + train.upperBound)]).apply(s) }
        }
    }

    /// Each asset's series filled with `method` (see ``Interpolation`` for which methods look ahead).
    public func filled(_ method: Interpolation = .standard) throws -> Panel {
        try mapSeries { try method.fill($0) }
    }

    /// Cross-sectional ranks per date.
    public func crossSectionalRanks(scale: CrossSection.RankScale = .percentile) -> Panel {
        mapCrossSections { CrossSection.rank($0, scale: scale) }
    }

    /// Per-date group (industry) demeaning; `groups[a]` is the group of asset `a`.
    public func groupDemeaned(groups: [String?]) -> Panel {
        precondition(groups.count == assetCount, "groupDemeaned: \(groups.count) labels for \(assetCount) assets")
        return mapCrossSections { CrossSection.groupDemean($0, groups: groups) }
    }
}
