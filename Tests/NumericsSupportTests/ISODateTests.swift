import NumericsSupport
import Testing

/// `yyyy-MM-dd` validation with real calendar rules.
@Suite struct ISODateTests {
    @Test func validDates() throws {
        for text in ["2013-01-01", "2013-12-31", "2012-02-29", "2000-02-29", "2013-04-30", "0001-01-01", "9999-12-31"] {
            #expect(ISODate.isValid(text), "\(text)")
            #expect(try #require(ISODate(parsing: text)).description == text)
        }
        let d = try #require(ISODate(parsing: "2016-02-29"))
        #expect(d.year == 2016 && d.month == 2 && d.day == 29)
    }

    @Test func invalidDates() {
        for text in ["2013-02-30", "2013-13-01", "2013-00-10", "2013-01-00", "2013-02-29", "1900-02-29", "2013-04-31",
                     "2013-1-01", "2013/01/01", "13-01-01", "2013-01-01T00:00", "2013-01-01 ", "", "abcd-ef-gh",
                     "２０13-01-01", "2013-01-32"] {
            #expect(!ISODate.isValid(text), "\(text)")
        }
    }

    @Test func leapYearsAndMonthLengths() {
        #expect(ISODate.isLeapYear(2012) && ISODate.isLeapYear(2000) && ISODate.isLeapYear(2400))
        #expect(!ISODate.isLeapYear(2013) && !ISODate.isLeapYear(1900) && !ISODate.isLeapYear(2100))
        #expect((1...12).map { ISODate.daysIn(month: $0, year: 2013) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(ISODate.daysIn(month: 2, year: 2024) == 29)
    }

    @Test func chronologicalOrderIsTextOrder() throws {
        let texts = ["2012-12-31", "2013-01-01", "2013-01-10", "2013-02-01"]
        let dates = try texts.map { try #require(ISODate(parsing: $0)) }
        #expect(dates == dates.sorted() && texts == texts.sorted())
        #expect(ISODate.isValid("2013-01-05"[...]))
    }
}
