/// The pathway schema, `pathways/schema/pathway.xsd`, built into the tool so that
/// `pathvar validate` works wherever the binary is copied.
///
/// `PathwaySchemaTests` fails when this copy and the file differ; the test's message says
/// how to refresh it.
enum PathwaySchema {
    static let text = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!--
          pathvar pathway format, version 1 (namespace urn:pathvar:pathway:1).

          A pathway describes the care a cohort of patients is expected to receive,
          as activities in an event log. pathvar replays each case against it and
          sorts every deviation into warranted or unwarranted variation.

          XSD 1.0, written for libxml2 (xmllint with its schema option). The schema checks shape,
          vocabularies and lexical forms only. pathvar itself checks what XSD 1.0
          cannot say well: ids unique across the file, no id "entry", window
          references that exist and form no cycle, min not above max, each activity
          label used by one element only, and review-by being a real calendar date.
        -->
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
                   xmlns="urn:pathvar:pathway:1"
                   targetNamespace="urn:pathvar:pathway:1"
                   elementFormDefault="qualified"
                   attributeFormDefault="unqualified"
                   version="1">

          <!-- ===================================================================
               Simple types. Named so that libxml2 messages name them.
               =================================================================== -->

          <xs:simpleType name="Identifier">
            <xs:annotation>
              <xs:documentation>Name of a pathway, stage, step, choice, option, avoid or variance
                code: a letter, then letters, digits, '_', '.' or '-'. Referred to by window/@after
                and by variance records, so it must be unique in the file (pathvar checks this).</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:pattern value="[A-Za-z][A-Za-z0-9_.\-]*"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Label">
            <xs:annotation>
              <xs:documentation>An activity label exactly as it appears in the event log (case,
                spaces and punctuation all count; whitespace is not collapsed).</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:minLength value="1"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Key">
            <xs:annotation>
              <xs:documentation>Name of a case or event attribute in the log, e.g. org:group.</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:minLength value="1"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Text">
            <xs:annotation>
              <xs:documentation>Free, non-empty text for people to read.</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:minLength value="1"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="ReviewDate">
            <xs:annotation>
              <xs:documentation>A date written YYYY-MM-DD. pathvar checks that it is a real date.</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:pattern value="[0-9]{4}-[0-9]{2}-[0-9]{2}"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="CareMode">
            <xs:annotation>
              <xs:documentation>How much a stage may vary from patient to patient.
                repetitive: standardised care, every patient gets the same steps;
                constrained: a choice among a few recognised alternatives;
                unconstrained: individualised care, the steps are a checklist, not a script.</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:enumeration value="repetitive"/>
              <xs:enumeration value="constrained"/>
              <xs:enumeration value="unconstrained"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="StageOrder">
            <xs:annotation>
              <xs:documentation>sequence: the stage's steps and choices are expected in document
                order; any: they may happen in any order.</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:enumeration value="sequence"/>
              <xs:enumeration value="any"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Requirement">
            <xs:annotation>
              <xs:documentation>must: omission is a deviation;
                must-unless-documented: omission is warranted only if a reason is documented;
                could: optional, omission is not a deviation.</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:enumeration value="must"/>
              <xs:enumeration value="must-unless-documented"/>
              <xs:enumeration value="could"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Selection">
            <xs:annotation>
              <xs:documentation>How many of a choice's options a case may take:
                exactly-one, at-most-one, one-or-more, or any number (any).</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:enumeration value="exactly-one"/>
              <xs:enumeration value="at-most-one"/>
              <xs:enumeration value="one-or-more"/>
              <xs:enumeration value="any"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Category">
            <xs:annotation>
              <xs:documentation>Where a variance comes from: the patient, staff (clinical
                judgement), the system (organisation, resources) or the community
                (services outside the hospital).</xs:documentation>
            </xs:annotation>
            <xs:restriction base="xs:string">
              <xs:enumeration value="patient"/>
              <xs:enumeration value="staff"/>
              <xs:enumeration value="system"/>
              <xs:enumeration value="community"/>
            </xs:restriction>
          </xs:simpleType>

          <xs:simpleType name="Duration">
            <xs:annotation>
              <xs:documentation>An ISO 8601 duration of fixed length: weeks, days, hours, minutes
                and seconds only, e.g. PT30M, PT1H30M, P2D, P1DT12H, P2W, PT0S, PT1.5S. Years and
                months (P1Y, P1M) are rejected because they have no fixed length; so are negative
                durations and an empty P or PT. Only seconds may have a fraction.</xs:documentation>
            </xs:annotation>
            <!-- Two patterns, ANDed by derivation (XSD 1.0 has no lookahead). The outer
                 one fixes the units and their order; the inner one requires the value
                 to end in a unit, which rules out "P", "PT" and a dangling "T" such as
                 "P1DT". libxml2 checks the outer one first, so P1Y, P1M and PT30X are
                 reported against the full duration pattern. -->
            <xs:restriction>
              <xs:simpleType>
                <xs:restriction base="xs:string">
                  <xs:pattern value=".*[WDHMS]"/>
                </xs:restriction>
              </xs:simpleType>
              <xs:pattern value="P([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?"/>
            </xs:restriction>
          </xs:simpleType>

          <!-- ===================================================================
               Complex types.
               =================================================================== -->

          <xs:complexType name="Evidence">
            <xs:simpleContent>
              <xs:extension base="Text">
                <xs:attribute name="href" type="xs:anyURI" use="optional">
                  <xs:annotation>
                    <xs:documentation>Where the source can be read.</xs:documentation>
                  </xs:annotation>
                </xs:attribute>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>

          <xs:complexType name="Meta">
            <xs:sequence>
              <xs:element name="owner" type="Text" minOccurs="0">
                <xs:annotation>
                  <xs:documentation>Who is accountable for the pathway and answers the auditor's questions about it.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="evidence" type="Evidence" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>A guideline or study the pathway is based on: the standard the audit measures against.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="review-by" type="ReviewDate" minOccurs="0">
                <xs:annotation>
                  <xs:documentation>Date by which the pathway must be reviewed; after it, findings rest on a possibly stale standard.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
          </xs:complexType>

          <xs:complexType name="Entry">
            <xs:sequence>
              <xs:element name="alias" type="Label" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>Another log label meaning the same activity (e.g. a paper or legacy-system variant).</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="activity" type="Label" use="required"/>
          </xs:complexType>

          <xs:complexType name="Condition">
            <xs:attribute name="key" type="Key" use="required"/>
            <xs:attribute name="equals" type="xs:string" use="required"/>
          </xs:complexType>

          <xs:complexType name="Cohort">
            <xs:sequence>
              <xs:element name="entry" type="Entry">
                <xs:annotation>
                  <xs:documentation>The activity that starts a case on this pathway; time zero for windows with after="entry".</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="include" type="Condition" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>Only cases whose attribute key equals this value are audited (all includes must hold).</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="exclude" type="Condition" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>Cases whose attribute key equals this value are left out of the audit.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="group-by" type="Key" use="optional">
              <xs:annotation>
                <xs:documentation>Attribute whose values split the report (e.g. by team or site) so variation between groups can be compared.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
          </xs:complexType>

          <xs:complexType name="Window">
            <xs:attribute name="after" type="Identifier" use="required">
              <xs:annotation>
                <xs:documentation>Id of the step or choice the clock starts from, or the word entry.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
            <xs:attribute name="min" type="Duration" use="optional"/>
            <xs:attribute name="max" type="Duration" use="optional"/>
          </xs:complexType>

          <xs:complexType name="Step">
            <xs:sequence>
              <xs:element name="alias" type="Label" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>Another log label that counts as this step.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="window" type="Window" minOccurs="0">
                <xs:annotation>
                  <xs:documentation>When the step is due: between min and max after the anchor. Outside it, the step is late or early.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="Identifier" use="required"/>
            <xs:attribute name="activity" type="Label" use="required"/>
            <xs:attribute name="required" type="Requirement" use="optional" default="must"/>
            <xs:attribute name="max" type="xs:nonNegativeInteger" use="optional">
              <xs:annotation>
                <xs:documentation>Most times the step may occur in a case; more is a deviation (e.g. repeated triage).</xs:documentation>
              </xs:annotation>
            </xs:attribute>
          </xs:complexType>

          <xs:complexType name="Option">
            <xs:sequence>
              <xs:element name="alias" type="Label" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>Another log label that counts as this option.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="Identifier" use="required"/>
            <xs:attribute name="activity" type="Label" use="required"/>
          </xs:complexType>

          <xs:complexType name="Choice">
            <xs:sequence>
              <xs:element name="option" type="Option" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>One recognised alternative. Taking any listed option is not a deviation; taking none, or too many, may be.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="window" type="Window" minOccurs="0">
                <xs:annotation>
                  <xs:documentation>When the chosen option is due, measured to the first option taken.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="Identifier" use="required"/>
            <xs:attribute name="select" type="Selection" use="optional" default="exactly-one"/>
            <xs:attribute name="required" type="Requirement" use="optional" default="must"/>
            <xs:attribute name="documented-by" type="Label" use="optional">
              <xs:annotation>
                <xs:documentation>Log activity that documents a reason for taking no option (e.g. a recorded shared decision).</xs:documentation>
              </xs:annotation>
            </xs:attribute>
          </xs:complexType>

          <xs:complexType name="Avoid">
            <xs:sequence>
              <xs:element name="alias" type="Label" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>Another log label that counts as this activity.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="Identifier" use="required"/>
            <xs:attribute name="activity" type="Label" use="required"/>
            <xs:attribute name="unless-documented" type="xs:boolean" use="optional" default="false">
              <xs:annotation>
                <xs:documentation>true: the activity is warranted when a reason is documented; false: it is always a deviation.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
          </xs:complexType>

          <xs:complexType name="Stage">
            <xs:choice maxOccurs="unbounded">
              <xs:element name="step" type="Step">
                <xs:annotation>
                  <xs:documentation>An activity the pathway expects, with how strongly (required), how often (max) and when (window).</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="choice" type="Choice">
                <xs:annotation>
                  <xs:documentation>A decision point with recognised alternatives (options), e.g. ward or ICU.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="avoid" type="Avoid">
                <xs:annotation>
                  <xs:documentation>An activity that should not happen on this pathway (low-value or harmful care, a complication).</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:choice>
            <xs:attribute name="id" type="Identifier" use="required"/>
            <xs:attribute name="mode" type="CareMode" use="required"/>
            <xs:attribute name="order" type="StageOrder" use="optional" default="sequence"/>
          </xs:complexType>

          <xs:complexType name="Code">
            <xs:simpleContent>
              <xs:extension base="Text">
                <xs:attribute name="id" type="Identifier" use="required"/>
                <xs:attribute name="category" type="Category" use="required"/>
                <xs:attribute name="warrants" type="xs:boolean" use="required">
                  <xs:annotation>
                    <xs:documentation>true: a deviation with this code is warranted variation; false: it stays unwarranted, but its cause is known.</xs:documentation>
                  </xs:annotation>
                </xs:attribute>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>

          <xs:complexType name="VarianceCodes">
            <xs:sequence>
              <xs:element name="code" type="Code" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>One documented reason for a deviation; its text is the description shown in reports.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="record" type="Label" use="required">
              <xs:annotation>
                <xs:documentation>Log activity with which staff record a variance.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
            <xs:attribute name="step-key" type="Key" use="required">
              <xs:annotation>
                <xs:documentation>Attribute of that event naming the step, choice or avoid id it explains.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
            <xs:attribute name="code-key" type="Key" use="required">
              <xs:annotation>
                <xs:documentation>Attribute of that event holding the variance code id.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
          </xs:complexType>

          <xs:complexType name="Ignore">
            <xs:attribute name="activity" type="Label" use="required"/>
          </xs:complexType>

          <xs:complexType name="Pathway">
            <xs:sequence>
              <xs:element name="meta" type="Meta" minOccurs="0">
                <xs:annotation>
                  <xs:documentation>Governance: who owns the pathway, its evidence base and when it is due for review.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="cohort" type="Cohort">
                <xs:annotation>
                  <xs:documentation>Which cases the audit covers and where each case starts.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="stage" type="Stage" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>A phase of care, with how much variation is expected in it (mode) and whether its steps are ordered.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="variance-codes" type="VarianceCodes" minOccurs="0">
                <xs:annotation>
                  <xs:documentation>The agreed reasons staff may record for a deviation, and whether each makes it warranted.</xs:documentation>
                </xs:annotation>
              </xs:element>
              <xs:element name="ignore" type="Ignore" minOccurs="0" maxOccurs="unbounded">
                <xs:annotation>
                  <xs:documentation>A log activity outside the pathway's scope: not counted as unexpected activity.</xs:documentation>
                </xs:annotation>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="id" type="Identifier" use="required"/>
            <xs:attribute name="version" type="Text" use="required">
              <xs:annotation>
                <xs:documentation>Version of this pathway; reports quote it so findings can be traced to the standard used.</xs:documentation>
              </xs:annotation>
            </xs:attribute>
            <xs:attribute name="title" type="Text" use="required"/>
          </xs:complexType>

          <!-- ===================================================================
               The only global element: a document must be rooted at pathway.
               =================================================================== -->

          <xs:element name="pathway" type="Pathway">
            <xs:annotation>
              <xs:documentation>One clinical pathway: the standard of care a cohort's cases are audited against.</xs:documentation>
            </xs:annotation>
          </xs:element>

        </xs:schema>
        """#
}
