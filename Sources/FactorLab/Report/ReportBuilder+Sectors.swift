import Foundation
import Quant

extension ReportBuilder {
    /// Per-sector rank IC of each model and the top-k portfolios' sector exposure against the universe.
    static func sectorSection(_ s: SectorAnalysis) -> String {
        let models = s.ic.reduce(into: [String]()) { if !$0.contains($1.name) { $0.append($1.name) } }
        var h = "<table><tr><th class=\"l\">rank IC</th>" + s.sectors.map { "<th>\(SVGChart.esc($0))</th>" }.joined() + "</tr>"
        for m in models {
            h += "<tr><td class=\"l\">\(SVGChart.esc(m))</td>"
            for sector in s.sectors {
                let r = s.ic.first { $0.name == m && $0.sector == sector }
                h += "<td>\(num(r?.meanRankIC ?? .nan, 4))</td>"
            }
            h += "</tr>"
        }
        h += "</table><p class=\"note\">Mean over test dates of the daily Spearman IC of each model's prediction with the realised target across the sector's stocks (at least 3 a day).</p>"
        h += "<table><tr><th class=\"l\">exposure</th>" + s.sectors.map { "<th>\(SVGChart.esc($0))</th>" }.joined() + "</tr>"
        for name in s.exposure.keys.sorted() {
            h += "<tr><td class=\"l\">\(SVGChart.esc(name))</td>" + s.exposure[name]!.map { "<td>\(pct($0, 1))</td>" }.joined() + "</tr>"
        }
        h += "<tr><td class=\"l\">universe</td>" + s.universe.map { "<td>\(pct($0, 1))</td>" }.joined() + "</tr></table>"
        h += "<p class=\"note\">Share of each portfolio's gross weight held in each sector, averaged over holding days; universe: share of priced stocks.</p>"
        return h
    }
}
