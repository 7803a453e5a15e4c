extension HTMLReport {
    /// The report's colours: the Okabe–Ito palette, which people with any common form of colour
    /// blindness can tell apart, on near-neutral greys. Blue carries the data; one warm amber
    /// marks what is worth a closer look, always together with a ring or a word, never by
    /// colour alone. No red: the report opens a conversation about a process, not an alarm.
    enum Palette {
        /// Body text (14.8:1 on white).
        static let ink = "#1f2933"
        /// Secondary text, axis labels (6.5:1).
        static let muted = "#52606d"
        /// Axis lines and limit curves (3.7:1, enough for lines that matter).
        static let axis = "#7b8794"
        /// Grid lines, table rules: visible but quiet.
        static let grid = "#e4e7eb"
        /// The data: Okabe–Ito blue (5.2:1).
        static let data = "#0072B2"
        /// Light tints of the data colour for the funnel's bands and small bars.
        static let band998 = "#edf5fb"
        static let band95 = "#d9eaf6"
        static let lightData = "#56B4E9"
        /// What is worth a look: Okabe–Ito orange, with a darker ring (4.9:1) and darker text (6.6:1).
        static let accent = "#E69F00"
        static let accentRing = "#A65F00"
        static let accentInk = "#8a4f00"
        /// Background of the review-date note: a warm tint, not a warning colour.
        static let accentTint = "#fdf3e1"
    }

    /// The whole style sheet, inline because hospital networks often block anything fetched.
    /// A system font stack (no web fonts to load), a page that prints on A4 with 15 mm margins,
    /// and nothing that a chart or table could be cut in half by: `break-inside: avoid`.
    static let styleSheet = """
        @page { size: A4; margin: 15mm; }
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body {
          margin: 0; background: #f3f4f6; color: \(Palette.ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans",
            "Helvetica Neue", Arial, sans-serif;
        }
        main { max-width: 61em; margin: 1.5em auto; padding: 2em 2.75em 2.5em; background: #fff;
          border: 1px solid \(Palette.grid); border-radius: 6px; }
        h1 { font-size: 1.65em; line-height: 1.25; margin: 0 0 .35em; font-weight: 650; }
        h2 { font-size: 1.2em; margin: 2.2em 0 .6em; padding-bottom: .25em;
          border-bottom: 1px solid \(Palette.grid); font-weight: 620; break-after: avoid; }
        h3 { font-size: 1em; margin: 1.4em 0 .4em; font-weight: 620; break-after: avoid; }
        p { margin: .45em 0; }
        h2 + p, h3 + p, p.lead-in { break-after: avoid; }
        a { color: \(Palette.data); }
        .muted, figcaption, .caption { color: \(Palette.muted); }
        .subtitle { color: \(Palette.muted); margin: 0 0 .8em; }
        .eyebrow { color: \(Palette.muted); margin: 0 0 .2em; font-size: .8em; letter-spacing: .06em;
          text-transform: uppercase; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: .6em 0; }
        dl.facts dt { color: \(Palette.muted); }
        dl.facts dd { margin: 0; }
        ul.evidence { margin: 0; padding-left: 1.1em; }
        .review-due { margin: .8em 0; padding: .55em .85em; background: \(Palette.accentTint);
          border-left: 4px solid \(Palette.accent); border-radius: 3px; break-inside: avoid; }
        .review-due strong { color: \(Palette.accentInk); }
        .headline { display: grid; grid-template-columns: repeat(4, 1fr); gap: .75em; margin: .8em 0;
          break-inside: avoid; }
        .figure-card { border: 1px solid \(Palette.grid); border-radius: 6px; padding: .6em .8em; }
        .figure-card .value { display: block; font-size: 1.65em; font-weight: 620; line-height: 1.2;
          font-variant-numeric: tabular-nums; }
        .figure-card .label { display: block; color: \(Palette.muted); font-size: .85em; line-height: 1.3; }
        table { border-collapse: collapse; width: 100%; margin: .5em 0 .8em; font-size: .9em;
          font-variant-numeric: tabular-nums; break-inside: avoid; }
        table.compact { width: auto; min-width: 50%; }
        caption { text-align: left; color: \(Palette.muted); padding-bottom: .3em; }
        th, td { padding: .28em .5em; border-bottom: 1px solid \(Palette.grid); text-align: left;
          vertical-align: top; }
        th { font-weight: 600; border-bottom: 1.5px solid \(Palette.axis); }
        .num { text-align: right; white-space: nowrap; }
        td.wrap { overflow-wrap: anywhere; }
        td.nowrap { white-space: nowrap; }
        table.elements caption { caption-side: bottom; padding: .45em 0 0; }
        .kind { white-space: nowrap; }
        tr.signal td:first-child { font-weight: 600; }
        .signal-word { color: \(Palette.accentInk); font-weight: 600; }
        .share { display: flex; align-items: center; gap: .4em; justify-content: flex-end; }
        .share .bar { flex: 0 0 3.2em; height: .55em; background: \(Palette.grid); border-radius: 2px;
          overflow: hidden; }
        .share .bar span { display: block; height: 100%; background: \(Palette.lightData); }
        figure { margin: 1em 0 1.2em; break-inside: avoid; }
        figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
        figcaption { font-size: .88em; margin-top: .35em; }
        svg text { font-family: inherit; fill: \(Palette.muted); font-size: 11.5px; }
        svg .tick { font-size: 10.5px; }
        svg .note { font-size: 9.5px; font-style: italic; }
        svg .axis-title { fill: \(Palette.ink); font-size: 12px; }
        svg .point-label { fill: \(Palette.ink); font-size: 11.5px; }
        svg .points-labels text { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        svg .signal-label { fill: \(Palette.accentInk); font-weight: 600; }
        svg .value-label { fill: \(Palette.ink); font-size: 11.5px; }
        svg .value-label.inside { fill: #fff; }
        .run-summary { padding: .45em .75em; border-left: 3px solid \(Palette.axis); background: #f7f8fa; }
        footer { margin-top: 2.2em; padding-top: .6em; border-top: 1px solid \(Palette.grid);
          color: \(Palette.muted); font-size: .9em; break-inside: avoid; }
        footer h2 { border: 0; margin-top: 0; font-size: 1em; color: \(Palette.ink); }
        @media (max-width: 44em) {
          main { padding: 1em; margin: 0; border: 0; }
          .headline { grid-template-columns: repeat(2, 1fr); }
        }
        @media print {
          body { background: #fff; font-size: 10pt; }
          main { max-width: none; margin: 0; padding: 0; border: 0; }
          h2 { margin-top: 1.4em; }
          a { color: inherit; text-decoration: none; }
          ul.evidence a::after { content: " <" attr(href) ">"; color: \(Palette.muted); overflow-wrap: anywhere; }
        }
        """
}
