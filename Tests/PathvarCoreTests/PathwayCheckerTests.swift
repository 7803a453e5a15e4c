import Foundation
import Testing

@testable import PathvarCore

/// The checks a schema cannot make, each with the exact message a clinical lead will read.
@Suite struct PathwayCheckerTests {
    let base: PathwayParserTests = PathwayParserTests()

    func diagnostics(replacing target: String, with replacement: String) throws -> [String] {
        base.messages(try base.minimal(replacing: target, with: replacement))
    }

    @Test(arguments: [
        (
            #"after="triage""#, #"after="triag""#,
            "test.xml:13:7: error: the <window> of 'treat' is measured from 'triag', which is not defined; expected one of 'entry', 'triage', 'treat'"
        ),
        (
            #"after="entry" max="PT30M""#, #"after="treat" max="PT30M""#,
            "test.xml:9:7: error: windows form a cycle: triage → treat → triage; each chain of windows must end at 'entry' or at an element without a window"
        ),
        (
            #"<stage id="care""#, #"<stage id="triage""#,
            "test.xml:8:5: error: <step> id 'triage' is already used by the <stage> at line 7; ids must be unique across the pathway"
        ),
        (
            #"<step id="treat""#, #"<step id="entry""#,
            "test.xml:11:5: error: <step id=\"entry\">: 'entry' is reserved for the cohort's entry event in <window after=\"entry\">; choose another id"
        ),
        (
            #"activity="Treatment""#, #"activity="Triage""#,
            "test.xml:11:5: error: activity 'Triage' of <step id=\"treat\"> already belongs to <step id=\"triage\"> (line 8); an activity may belong to one element only, so that each event counts once"
        ),
        (
            #"activity="Treatment""#, #"activity="Arrival""#,
            "test.xml:11:5: error: activity 'Arrival' of <step id=\"treat\"> already belongs to <entry> (line 5); an activity may belong to one element only, so that each event counts once"
        ),
        (
            #"record="Variance""#, #"record="Triage""#,
            "test.xml:16:3: error: activity 'Triage' of the <variance-codes> record already belongs to <step id=\"triage\"> (line 8); an activity may belong to one element only, so that each event counts once"
        ),
        (
            #"max="PT1H""#, #"min="PT2H" max="PT1H""#,
            "test.xml:13:7: error: the <window> of 'treat' has min PT2H above max PT1H; min must not exceed max"
        ),
        (
            #"max="PT1H""#, #"max="PT1X""#,
            "test.xml:13:30: error: <window> max 'PT1X' is not a duration: 'X' is not a unit here (W or D before T; H, M or S after it); write for example PT30M, PT1H30M or P2D"
        ),
        (
            #"max="PT1H""#, #"max="P1M""#,
            "test.xml:13:30: error: <window> max 'P1M' is not a duration: months have no fixed length; use days; write for example PT30M, PT1H30M or P2D"
        ),
        (
            #"mode="repetitive""#, #"mode="routine""#,
            "test.xml:7:20: error: Element 'stage', attribute 'mode': [facet 'enumeration'] The value 'routine' is not an element of the set {'repetitive', 'constrained', 'unconstrained'}."
        ),
        (
            #"<stage id="care" mode="repetitive">"#, #"<stage id="care" mode="repetitive" colour="red">"#,
            "test.xml:7:38: error: Element 'stage', attribute 'colour': The attribute 'colour' is not allowed."
        ),
        (
            #"<stage id="care" mode="repetitive">"#, #"<stage id="care">"#,
            "test.xml:7:3: error: Element 'stage': The attribute 'mode' is required but missing."
        ),
        (
            #"max="1""#, #"max="-1""#,
            "test.xml:8:41: error: Element 'step', attribute 'max': '-1' is not a valid value of the atomic type 'xs:nonNegativeInteger'."
        ),
    ])
    func brokenRuleGivesExactDiagnostic(target: String, replacement: String, expected: String) throws {
        let printed = try diagnostics(replacing: target, with: replacement)
        #expect(printed.contains(expected), "got \(printed)")
        #expect(printed.filter { $0.contains(": error: ") }.count == 1, "got \(printed)")
    }

    @Test func passedReviewDateIsAWarning() throws {
        let result = try base.minimal(
            replacing: "<cohort", with: "<meta><review-by>2025-06-30</review-by></meta>\n  <cohort")
        #expect(result.pathway != nil)
        #expect(
            base.messages(result) == [
                "test.xml:4:9: warning: the review date 2025-06-30 has passed; the pathway's owner should review it and set a new <review-by>"
            ])
    }

    @Test func impossibleReviewDateIsAnError() throws {
        let printed = try diagnostics(
            replacing: "<cohort", with: "<meta><review-by>2027-02-30</review-by></meta>\n  <cohort")
        #expect(
            printed == [
                "test.xml:4:9: error: <review-by> '2027-02-30' is not a real date; write the day it is due as yyyy-MM-dd"
            ])
    }

    @Test func windowOnAnOptionNamesItsChoice() throws {
        let choice = """
            <stage id="where" mode="constrained" order="any">
                <choice id="destination" select="exactly-one">
                  <option id="ward" activity="Ward"/>
                  <option id="icu" activity="ICU"/>
                </choice>
                <step id="handover" activity="Handover"><window after="icu" max="PT1H"/></step>
              </stage>
              <variance-codes
            """
        let printed = try diagnostics(replacing: "<variance-codes", with: choice)
        #expect(
            printed == [
                "test.xml:21:45: error: the <window> of 'handover' is measured from 'icu', an <option>; a window is measured from 'entry' or from a step or choice: use its choice 'destination'"
            ])
    }

    @Test func excusableElementWithoutVarianceCodesIsAWarning() throws {
        let text = try String(contentsOfFile: Fixtures.path("pathways/minimal.xml"), encoding: .utf8)
        let start = try #require(text.range(of: "  <variance-codes"))
        let end = try #require(text.range(of: "</variance-codes>\n"))
        let result = base.parse(text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: ""))
        #expect(result.pathway != nil)
        #expect(
            base.messages(result) == [
                "test.xml:11:5: warning: 'treat' may be excused by a documented reason, but the pathway has no <variance-codes>, so no reason can be recorded"
            ])
    }

    @Test func pathwayWithOnlyAvoidsHasNothingToAudit() throws {
        let text = """
            <pathway xmlns="urn:pathvar:pathway:1" id="x" version="1" title="Only avoids">
              <cohort><entry activity="A"/></cohort>
              <stage id="s" mode="repetitive"><avoid id="b" activity="B"/></stage>
            </pathway>
            """
        #expect(
            base.messages(base.parse(text)) == [
                "test.xml:1:1: error: the pathway has no <step> or <choice>; add at least one to a <stage>"
            ])
    }
}

@Suite struct ISODurationTests {
    @Test(arguments: [
        ("PT30M", Int64(1_800_000_000)), ("P2D", 172_800_000_000), ("PT1H30M", 5_400_000_000),
        ("PT0S", 0), ("P1W", 604_800_000_000), ("P1DT12H", 129_600_000_000), ("PT1.5S", 1_500_000),
    ])
    func parsesDurations(text: String, microseconds: Int64) throws {
        #expect(try ISODuration.parse(text).microseconds == microseconds)
    }

    @Test(arguments: ["", "P", "PT", "30M", "PT30", "P1Y", "P1M", "PT1H1H", "PT1M1H", "P1.5D", "-PT1H", "PTM"])
    func rejectsNonDurations(text: String) {
        #expect(throws: ISODuration.ParseError.self) { try ISODuration.parse(text) }
    }

    @Test(arguments: [
        (Int64(0), "PT0S"), (5_100_000_000, "PT1H25M"), (90_000_000_000, "P1DT1H"), (-300_000_000, "-PT5M"),
        (1_500_000, "PT1.5S"),
    ])
    func formatsMeasuredDelays(microseconds: Int64, text: String) {
        #expect(ISODuration.format(microseconds: microseconds) == text)
    }
}
