import Foundation

/// One sample line of a Prometheus text exposition: `name{labels} value [timestamp]`.
struct PrometheusSample: CustomStringConvertible {
    let name: String
    let labels: [String: String]
    let value: Double

    var description: String {
        let labelText = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
        return labelText.isEmpty ? "\(name) \(value)" : "\(name){\(labelText)} \(value)"
    }
}

/// A small, strict parser and checker of the Prometheus text exposition format 0.0.4, so the
/// tests need no `promtool`.
///
/// It records every rule a scraper relies on that the text breaks, in `problems`:
/// metric and label names, quoted and escaped label values, numeric values, `# HELP` and
/// `# TYPE` at most once per family and before its samples, every family typed, samples of a
/// family kept together, no duplicate series, non-negative counters, and histograms whose
/// buckets ascend in `le`, are cumulative, end in `+Inf` and agree with `_count`, with a `_sum`.
struct PrometheusExposition {
    /// Family name -> type (`counter`, `gauge`, `histogram`, `summary`, `untyped`).
    private(set) var types: [String: String] = [:]
    /// Family name -> help text.
    private(set) var helps: [String: String] = [:]
    /// Every sample, in order.
    private(set) var samples: [PrometheusSample] = []
    /// Every broken rule, with the line number; empty for a valid exposition.
    private(set) var problems: [String] = []

    private static let metricName = #"^[a-zA-Z_:][a-zA-Z0-9_:]*$"#
    private static let labelName = #"^[a-zA-Z_][a-zA-Z0-9_]*$"#
    private static let knownTypes: Set<String> = ["counter", "gauge", "histogram", "summary", "untyped"]

    init(parsing text: String) {
        if !text.isEmpty && !text.hasSuffix("\n") { problems.append("the text does not end with a newline") }
        var familiesWithSamples: Set<String> = []
        var closedFamilies: Set<String> = []
        var currentFamily: String?
        var seriesSeen: Set<String> = []

        func enter(_ family: String, line: Int) {
            guard family != currentFamily else { return }
            if closedFamilies.contains(family) {
                problems.append("line \(line): lines of family \(family) are not kept together")
            }
            if let currentFamily { closedFamilies.insert(currentFamily) }
            currentFamily = family
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
                guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else { continue }
                let name = words[2]
                if !PrometheusExposition.matches(name, PrometheusExposition.metricName) {
                    problems.append("line \(number): bad metric name \(name) in \(words[1])")
                }
                enter(name, line: number)
                if words[1] == "HELP" {
                    if helps[name] != nil { problems.append("line \(number): second HELP for \(name)") }
                    helps[name] = words.count > 3 ? words[3] : ""
                } else {
                    let type = words.count > 3 ? words[3].trimmingCharacters(in: .whitespaces) : ""
                    if !PrometheusExposition.knownTypes.contains(type) {
                        problems.append("line \(number): unknown type \"\(type)\" for \(name)")
                    }
                    if types[name] != nil { problems.append("line \(number): second TYPE for \(name)") }
                    if familiesWithSamples.contains(name) {
                        problems.append("line \(number): TYPE for \(name) after its samples")
                    }
                    types[name] = type
                }
                continue
            }
            guard let sample = parseSample(line, number: number) else { continue }
            let family = self.family(of: sample.name)
            if types[family] == nil {
                problems.append("line \(number): sample \(sample.name) has no # TYPE line before it")
            }
            enter(family, line: number)
            familiesWithSamples.insert(family)
            let seriesKey = sample.description.split(separator: " ").dropLast().joined(separator: " ")
            if !seriesSeen.insert(seriesKey).inserted {
                problems.append("line \(number): duplicate series \(seriesKey)")
            }
            if types[family] == "counter" && !(sample.value >= 0) {
                problems.append("line \(number): counter \(sample.name) has value \(sample.value)")
            }
            samples.append(sample)
        }
        checkHistograms()
    }

    /// The family a sample belongs to: `x` for `x_bucket`, `x_sum`, `x_count` of a typed
    /// histogram or summary `x`, else the sample's own name.
    func family(of sampleName: String) -> String {
        if types[sampleName] != nil { return sampleName }
        for suffix in ["_bucket", "_sum", "_count"] where sampleName.hasSuffix(suffix) {
            let base = String(sampleName.dropLast(suffix.count))
            if types[base] == "histogram" || (types[base] == "summary" && suffix != "_bucket") { return base }
        }
        return sampleName
    }

    /// Samples named `name`.
    func samples(named name: String) -> [PrometheusSample] {
        samples.filter { $0.name == name }
    }

    /// The value of the series `name` with exactly `labels`, or nil.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// `value`, or 0 when the series does not exist (a counter not yet incremented).
    func count(_ name: String, _ labels: [String: String] = [:]) -> Double {
        value(name, labels) ?? 0
    }

    /// Label set -> value for every series named `name`.
    func series(_ name: String) -> [[String: String]: Double] {
        Dictionary(samples(named: name).map { ($0.labels, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// How every series named `name` moved from `earlier` to this scrape; series that did not
    /// move are left out.
    func deltas(_ name: String, since earlier: PrometheusExposition) -> [[String: String]: Double] {
        let before = earlier.series(name)
        var result: [[String: String]: Double] = [:]
        for (labels, value) in series(name) {
            let delta = value - (before[labels] ?? 0)
            if delta != 0 { result[labels] = delta }
        }
        for (labels, value) in before where series(name)[labels] == nil {
            result[labels] = -value
        }
        return result
    }

    // MARK: - Parsing a sample line

    private mutating func parseSample(_ line: String, number: Int) -> PrometheusSample? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        func fail(_ message: String) -> PrometheusSample? {
            problems.append("line \(number): \(message): \(line)")
            return nil
        }
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || scalar == ":" || (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)))
        }
        var name = ""
        while index < scalars.count, isNameScalar(scalars[index]) {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard PrometheusExposition.matches(name, PrometheusExposition.metricName) else {
            return fail("bad metric name \"\(name)\"")
        }
        var labels: [String: String] = [:]
        if index < scalars.count, scalars[index] == "{" {
            index += 1
            while true {
                guard index < scalars.count else { return fail("unterminated label set") }
                if scalars[index] == "}" { index += 1; break }
                var labelName = ""
                while index < scalars.count, scalars[index] != "=" , scalars[index] != "}" , scalars[index] != "," {
                    labelName.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard PrometheusExposition.matches(labelName, PrometheusExposition.labelName) else {
                    return fail("bad label name \"\(labelName)\"")
                }
                guard index < scalars.count, scalars[index] == "=" else { return fail("label \(labelName) has no =") }
                index += 1
                guard index < scalars.count, scalars[index] == "\"" else {
                    return fail("value of label \(labelName) is not quoted")
                }
                index += 1
                var labelValue = ""
                var closed = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\"" { closed = true; break }
                    if scalar == "\\" {
                        guard index < scalars.count else { break }
                        let escaped = scalars[index]
                        index += 1
                        switch escaped {
                        case "\\": labelValue += "\\"
                        case "\"": labelValue += "\""
                        case "n": labelValue += "\n"
                        default: return fail("bad escape \\\(escaped) in label \(labelName)")
                        }
                    } else {
                        labelValue.unicodeScalars.append(scalar)
                    }
                }
                guard closed else { return fail("unterminated value of label \(labelName)") }
                if labels[labelName] != nil { return fail("label \(labelName) given twice") }
                labels[labelName] = labelValue
                guard index < scalars.count else { return fail("unterminated label set") }
                if scalars[index] == "," { index += 1; continue }
                if scalars[index] == "}" { index += 1; break }
                return fail("expected , or } after label \(labelName)")
            }
        }
        guard index < scalars.count, scalars[index] == " " || scalars[index] == "\t" else {
            return fail("no blank between series and value")
        }
        var rest = ""
        rest.unicodeScalars.append(contentsOf: scalars[index...])
        let fields = rest.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 1 || fields.count == 2 else { return fail("expected a value and an optional timestamp") }
        guard let value = PrometheusExposition.parseValue(fields[0]) else { return fail("bad value \"\(fields[0])\"") }
        if fields.count == 2, Int64(fields[1]) == nil { return fail("bad timestamp \"\(fields[1])\"") }
        return PrometheusSample(name: name, labels: labels, value: value)
    }

    /// A Go-style float: decimal or exponent notation, `+Inf`, `-Inf`, `NaN`.
    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            guard matches(text, #"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$"#) else { return nil }
            return Double(text)
        }
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    // MARK: - Histograms

    private mutating func checkHistograms() {
        for (family, type) in types where type == "histogram" {
            var groups: [[String: String]: [(le: Double, leText: String, value: Double)]] = [:]
            var order: [[String: String]] = []
            for sample in samples(named: family + "_bucket") {
                guard let leText = sample.labels["le"] else {
                    problems.append("\(sample) has no le label")
                    continue
                }
                guard let le = PrometheusExposition.parseValue(leText) else {
                    problems.append("\(sample) has an le that is not a number")
                    continue
                }
                var key = sample.labels
                key.removeValue(forKey: "le")
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append((le, leText, sample.value))
            }
            for key in order {
                let buckets = groups[key] ?? []
                let labelText = key.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",")
                let name = labelText.isEmpty ? family : "\(family){\(labelText)}"
                for (previous, next) in zip(buckets, buckets.dropFirst()) {
                    if !(next.le > previous.le) {
                        problems.append("\(name): bucket le=\(next.leText) does not follow le=\(previous.leText) in ascending order")
                    }
                    if next.value < previous.value {
                        problems.append("\(name): bucket le=\(next.leText) (\(next.value)) is below le=\(previous.leText) "
                            + "(\(previous.value)): buckets are not cumulative")
                    }
                }
                guard let last = buckets.last, last.le == .infinity else {
                    problems.append("\(name): no le=\"+Inf\" bucket")
                    continue
                }
                guard let count = value(family + "_count", key) else {
                    problems.append("\(name): no \(family)_count")
                    continue
                }
                if count != last.value {
                    problems.append("\(name): le=\"+Inf\" bucket \(last.value) differs from _count \(count)")
                }
                if value(family + "_sum", key) == nil { problems.append("\(name): no \(family)_sum") }
            }
            for sample in samples(named: family + "_count") {
                if groups[sample.labels] == nil { problems.append("\(sample) has no buckets") }
            }
        }
    }
}
