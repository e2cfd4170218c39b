/// A calendar date written `yyyy-MM-dd` (ISO 8601 extended format, proleptic Gregorian calendar).
///
/// The project's one date check: exactly ten ASCII characters, four-digit year 0000–9999,
/// month 01–12 and a day that exists in that month (29 February only in leap years:
/// divisible by 4, except centuries not divisible by 400). `2013-02-30`, `2013-13-01`,
/// `2013-1-01` and `2013-01-01T00:00` are all rejected. Ordering is chronological, which for
/// valid strings is also their lexicographic order.
public struct ISODate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 0…9999.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…28/29/30/31.
    public let day: Int

    /// Parses `text`, or nil when it is not a valid `yyyy-MM-dd` calendar date.
    public init?(parsing text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= UInt8(ascii: "0"), u[i] <= UInt8(ascii: "9") else { return nil }
                v = v * 10 + Int(u[i] - UInt8(ascii: "0"))
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10),
              (1...12).contains(m), d >= 1, d <= ISODate.daysIn(month: m, year: y) else { return nil }
        year = y; month = m; day = d
    }

    /// Whether `text` is a valid `yyyy-MM-dd` calendar date.
    public static func isValid(_ text: some StringProtocol) -> Bool { ISODate(parsing: text) != nil }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// The number of days in `month` (1…12) of `year`.
    ///
    /// - Precondition: 1 ≤ month ≤ 12.
    public static func daysIn(month: Int, year: Int) -> Int {
        precondition((1...12).contains(month), "ISODate.daysIn: month \(month) outside 1…12")
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date as `yyyy-MM-dd`.
    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Chronological order.
    public static func < (l: ISODate, r: ISODate) -> Bool { (l.year, l.month, l.day) < (r.year, r.month, r.day) }
}
