import Foundation
import Testing

@testable import PathvarCore

/// The demo audits, run once for all tests here: the bundled pathways on 2,000 synthetic cases,
/// as `pathvar demo` writes them, with the content the reports were rendered from.
enum HTMLDemo {
    struct Run: Sendable {
        let content: ReportContent
        /// `report.html` as `ReportSet` wrote it into the folder.
        let written: String
    }

    static let today = CalendarDate(year: 2026, month: 1, day: 15)
    static let sepsis = run("sepsis-ed")
    static let multimorbidity = run("multimorbidity-review")

    static func run(_ pathway: String) -> Result<Run, DiagnosticError> {
        let folder = TemporaryFolder()
        let destination = folder.path("reports")
        return withExtendedLifetime(folder) {
            Result { () throws(DiagnosticError) in
                let result = try Demo.run(
                    pathwayPath: Fixtures.project("pathways/\(pathway).xml"), destination: destination, today: today)
                let labels = ReportLabels(result: result, blind: false, caseKey: nil)
                let totals = AuditTotals(result, groupName: { labels.group($0).text })
                var options = ReportOptions()
                options.today = today
                options.logName =
                    "synthetic log of \(Demo.cases) cases for \(result.pathway.id) (pathvar synth, seed \(Demo.seed))"
                let content = ReportContent(
                    totals: totals, pathway: result.pathway, result: result, labels: labels, options: options,
                    timeZone: result.clock.timeZone, clock: result.clock)
                let written = (try? String(contentsOfFile: destination + "/report.html", encoding: .utf8)) ?? ""
                return Run(content: content, written: written)
            }
        }
    }
}

@Suite("HTML report")
struct HTMLReportTests {
    private func sepsis() throws -> ReportContent { try HTMLDemo.sepsis.get().content }

    /// The root `<svg>` of the chart `kind` and the tags inside it.
    private func chart(_ kind: String, in page: HTMLScanner) throws -> (svg: HTMLScanner.Tag, inside: [HTMLScanner.Tag])
    {
        let charts = page.tags("svg", with: "data-chart", value: kind)
        try #require(charts.count == 1, "one \(kind) chart")
        return (charts[0], page.inside(charts[0]))
    }

    @Test("the page is well formed, and each chart is a figure with a caption and an accessible name")
    func chartsArePresent() throws {
        let page = HTMLScanner(HTMLReport.render(try sepsis()))
        #expect(page.problems == [])
        #expect(page.tags("svg").map { $0.attribute("data-chart") } == ["compliance", "funnel", "p-chart"])
        for figure in page.tags("figure") {
            let inside = page.inside(figure)
            #expect(inside.filter { $0.name == "svg" }.count == 1)
            #expect(inside.contains { $0.name == "figcaption" })
        }
        for svg in page.tags("svg") {
            #expect(svg.attribute("role") == "img")
            #expect(!(svg.attribute("aria-label") ?? "").isEmpty)
            #expect(svg.attribute("viewBox")?.hasPrefix("0 0 680 ") == true)
            #expect(page.inside(svg).first?.name == "title")
        }
        #expect(page.tags("figure").count == 3)
    }

    @Test("the funnel plot has one point per group, in order, with limit curves drawn at many sizes")
    func funnelPoints() throws {
        let content = try sepsis()
        let funnel = try chart("funnel", in: HTMLScanner(HTMLReport.render(content)))
        let points = funnel.inside.filter { $0.has("data-point") }
        #expect(points.compactMap { $0.attribute("data-group") } == content.groups.map(\.group))
        #expect(points.count == 6)
        // A group outside the 99.8% limits is marked by a ring as well as a colour.
        let flagged = points.filter { ["above-99.8", "below-99.8"].contains($0.attribute("data-signal")) }
        #expect(flagged.count == content.groups.filter { $0.signal == .above998 || $0.signal == .below998 }.count)
        #expect(!flagged.isEmpty)
        let curves = funnel.inside.filter { $0.name == "path" && $0.attribute("fill") == "none" }
        #expect(curves.count == 4)
        for curve in curves {
            #expect((curve.attribute("d") ?? "").split(separator: "L").count >= 60)
        }
    }

    @Test("the p-chart has one point per month with cases, and a month without cases breaks the line")
    func pChartPoints() throws {
        var content = try sepsis()
        let page = HTMLScanner(HTMLReport.render(content))
        let months = try chart("p-chart", in: page).inside.filter { $0.has("data-point") }
        #expect(months.compactMap { $0.attribute("data-month") } == content.months.map(\.month))

        content.months[5] = ReportContent.MonthPoint(
            month: content.months[5].month, cases: 0, unwarrantedCases: 0, rate: nil, lower: nil, upper: nil,
            signal: nil)
        let gap = try chart("p-chart", in: HTMLScanner(HTMLReport.render(content)))
        let points = gap.inside.filter { $0.has("data-point") }
        #expect(points.count == content.months.filter { $0.cases > 0 }.count)
        #expect(!points.contains { $0.attribute("data-month") == content.months[5].month })
        let line = gap.inside.first { $0.name == "path" && $0.attribute("stroke") == HTMLReport.Palette.data }
        #expect(line?.attribute("d")?.filter { $0 == "M" }.count == 2)
    }

    @Test("the compliance chart has one bar per repetitive element, worst first")
    func complianceBars() throws {
        let content = try sepsis()
        let bars = try chart("compliance", in: HTMLScanner(HTMLReport.render(content))).inside.filter {
            $0.has("data-point")
        }
        #expect(
            bars.compactMap { $0.attribute("data-element") } == content.elements.map { "\($0.stage)/\($0.element)" })
        #expect(bars.count == 5)
    }

    @Test("nothing to run and nothing to fetch: no scripts, no sources, links only to the evidence")
    func selfContained() throws {
        let content = try sepsis()
        let html = HTMLReport.render(content)
        let page = HTMLScanner(html)
        #expect(!html.lowercased().contains("<script"))
        #expect(page.tags().allSatisfy { !$0.has("src") })
        #expect(page.tags().allSatisfy { tag in !tag.attributes.contains { $0.name.hasPrefix("on") } })
        let links = page.tags().compactMap { $0.attribute("href") }
        #expect(links == content.evidence.compactMap(\.href))
        #expect(!html.contains("url(http") && !html.contains("@import"))
        #expect(html.contains("@page { size: A4; margin: 15mm; }"))
    }

    @Test("hostile labels are shown as text, never as markup")
    func hostileLabels() throws {
        var content = try sepsis()
        let script = "<script>alert(1)</script>"
        let attribute = "\" onmouseover=\"x"
        let single = "' onfocus='y & <b>"
        content.title = script
        content.groups[0].group = attribute
        content.groups[5].group = script
        content.elements[0].element = single
        content.offPathway[0].activity = script
        content.choices[0].byGroup[0].group = attribute
        content.evidence.append(.init(text: attribute, href: "javascript:alert(1)"))
        content.evidence.append(.init(text: "quoted", href: "https://example.org/?a=\"b\"&c=<d>"))
        let html = HTMLReport.render(content)
        let page = HTMLScanner(html)
        #expect(page.problems == [])
        #expect(!html.contains("<script") && !html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.tags().allSatisfy { tag in !tag.attributes.contains { $0.name.hasPrefix("on") } })
        #expect(page.tags().compactMap { $0.attribute("href") }.allSatisfy { $0.hasPrefix("https://") })
        #expect(page.tags().contains { $0.attribute("href") == "https://example.org/?a=\"b\"&c=<d>" })
        let funnel = try chart("funnel", in: page).inside
        #expect(funnel.filter { $0.has("data-point") }.first?.attribute("data-group") == attribute)
        #expect(page.tags("g", with: "data-element").first?.attribute("data-element")?.hasSuffix(single) == true)
        #expect(page.text.contains(script) && page.text.contains(attribute) && page.text.contains(single))
    }

    @Test("the same content gives the same bytes, and report.html in the folder is this rendering")
    func deterministic() throws {
        let run = try HTMLDemo.sepsis.get()
        let first = HTMLReport.render(run.content)
        #expect(first == HTMLReport.render(run.content))
        #expect(run.written == first)
        let again = try HTMLDemo.run("sepsis-ed").get()
        #expect(again.written == first)
    }

    @Test("the HTML says what the text report says")
    func sameContentAsText() throws {
        let content = try sepsis()
        let squeezed = HTMLScanner(HTMLReport.render(content)).words
        var expected = [
            content.title, "Pathway sepsis-ed, version 1", content.owner!, content.reviewBy!, content.logName,
            "2024-01-01 to 2024-12-25", "21074 read, 21074 accepted, 0 rejected", content.cohortRule,
            "2000 cases in the log; 1861 in the cohort.", "1006 of 1861", "54.1%", "58.6", "6.0",
            "overall rate of cases with unwarranted variation 45.9%", "Others (3) are within the 95% limits",
            "admission/destination: 1814 cases chose", "Preference documented overall: 84.8%",
            content.runChart.summary, "recognition/sepsis-screen 1811 91.3% 8.2 13.6 late 83", "omitted 50",
            "all 4 in offpathway.csv",
            ReportContent.howToRead,
        ]
        expected += content.evidence.map(\.text) + content.months.map(\.month) + content.offPathway.map(\.activity)
        expected += content.categories.map(\.category) + content.groups.map(\.group)
        for phrase in expected {
            let found = squeezed.contains(phrase)
            #expect(found, "missing: \(phrase)")
        }
        // The footer is the text report's, word for word.
        let textReport = TextReport.render(content).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(textReport.contains(ReportContent.howToRead))
        #expect(!squeezed.contains("Due for review"))
    }

    @Test("a passed review date shows a note in words")
    func reviewDatePassed() throws {
        var content = try sepsis()
        content.reviewPassed = true
        let page = HTMLScanner(HTMLReport.render(content))
        #expect(page.tags("p", with: "class", value: "review-due").count == 1)
        #expect(page.words.contains("Due for review. This pathway was to be reviewed by \(content.reviewBy!)"))
    }

    @Test("unconstrained care lists the cases for review, or says merged totals hold none")
    func reviewCases() throws {
        var content = try HTMLDemo.multimorbidity.get().content
        let cases = try #require(content.reviewCases)
        #expect(cases.count == 20 && content.reviewCasesTotal > 20)
        let page = HTMLScanner(HTMLReport.render(content))
        let section = try #require(page.tags("section", with: "id", value: "unconstrained").first)
        #expect(page.inside(section).filter { $0.name == "tr" }.count == cases.count + 1)
        #expect(page.text.contains("\(content.reviewCasesTotal) cases departed from the plan"))
        #expect(page.text.contains("deviations.csv"))
        for review in cases { #expect(page.text.contains(review.caseId)) }

        content.reviewCases = nil
        let merged = HTMLScanner(HTMLReport.render(content))
        #expect(merged.text.contains("merged from several audits and hold no case rows"))
        #expect(!merged.text.contains("departed from the plan"))
    }

    @Test("no groups to compare and no months: the charts give way to sentences")
    func emptyParts() throws {
        var content = try sepsis()
        content.groups = [content.groups[0]]
        content.months = []
        content.monthlyCentre = nil
        let page = HTMLScanner(HTMLReport.render(content))
        #expect(page.problems == [])
        #expect(page.tags("svg").map { $0.attribute("data-chart") } == ["compliance"])
        #expect(page.text.contains("Only one group: nothing to compare."))
        #expect(page.text.contains("No cohort cases."))
    }

    @Test("labels placed at the same spot do not cover each other")
    func labelPlacement() {
        let points = (0..<6).map { (x: 300.0 + Double($0), y: 200.0, radius: 4.5) }
        var placer = ChartLabelPlacer(
            bounds: .init(x: 0, y: 0, width: 680, height: 400), points: points, fontSize: 11.5)
        let boxes = points.map { point in
            let spot = placer.place("Unit X", x: point.x, y: point.y)
            let width = SVGChart.textWidth("Unit X", size: 11.5)
            return ChartLabelPlacer.Box(
                x: spot.anchor == "end" ? spot.x - width : spot.x, y: spot.y - 9.2, width: width, height: 11.5)
        }
        for (index, box) in boxes.enumerated() {
            for other in boxes[(index + 1)...] { #expect(box.overlap(other) == 0) }
        }
    }

    @Test("axis ticks are round numbers that cover the data")
    func niceTicks() {
        let percent = NiceTicks.covering(low: 0.33, high: 0.67, count: 5)
        #expect(percent.low.rounded(toPlaces: 6) == 0.3 && percent.high.rounded(toPlaces: 6) == 0.7)
        #expect(percent.values.map { ReportNumber.fixed($0, places: 2) } == ["0.30", "0.40", "0.50", "0.60", "0.70"])
        let cases = NiceTicks.covering(low: 0, high: 352, count: 6)
        #expect(cases.values == [0, 100, 200, 300, 400])
    }

    @Test("only web addresses become links")
    func safeLinks() {
        #expect(HTMLWriter.safeLink("https://www.nice.org.uk/guidance/ng51") != nil)
        #expect(HTMLWriter.safeLink("HTTP://example.org") != nil)
        for unsafe in ["javascript:alert(1)", "data:text/html,x", "//example.org", "https://a b", "file:///etc", ""] {
            #expect(HTMLWriter.safeLink(unsafe) == nil, "\(unsafe)")
        }
        #expect(HTMLWriter.escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
    }
}

extension Double {
    fileprivate func rounded(toPlaces places: Int) -> Double {
        Double(ReportNumber.fixed(self, places: places))!
    }
}
