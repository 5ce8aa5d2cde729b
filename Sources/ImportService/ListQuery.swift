import HTTPBridge
import ImportJobs

/// The query of `GET /api/imports`: page and filters, checked.
struct ListQuery: Equatable {
    static let defaultLimit = 20
    static let maximumLimit = 100

    var limit = ListQuery.defaultLimit
    var offset = 0
    var status: JobStatus?
    var sourceType: SourceType?

    /// Reads `limit`, `offset`, `status` and `source_type`; unknown parameters are ignored.
    static func parse(_ target: HTTPTarget) -> Result<ListQuery, ValidationErrors> {
        var query = ListQuery()
        var errors: [FieldError] = []
        if let text = target.queryValue("limit") {
            if let value = Int(text), (1...maximumLimit).contains(value) { query.limit = value } else {
                errors.append(FieldError(field: "limit", message: "must be an integer from 1 to \(maximumLimit)"))
            }
        }
        if let text = target.queryValue("offset") {
            if let value = Int(text), value >= 0, value <= 1_000_000_000 { query.offset = value } else {
                errors.append(FieldError(field: "offset", message: "must be an integer >= 0"))
            }
        }
        if let text = target.queryValue("status"), !text.isEmpty {
            if let value = JobStatus(rawValue: text) { query.status = value } else {
                let allowed = JobStatus.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(FieldError(field: "status", message: "must be one of \(allowed)"))
            }
        }
        if let text = target.queryValue("source_type"), !text.isEmpty {
            if let value = SourceType(rawValue: text) { query.sourceType = value } else {
                let allowed = SourceType.allCases.map(\.rawValue).joined(separator: ", ")
                errors.append(FieldError(field: "source_type", message: "must be one of \(allowed)"))
            }
        }
        return errors.isEmpty ? .success(query) : .failure(ValidationErrors(errors))
    }

    /// `{"items":[...],"total":N,"limit":L,"offset":O}`, the stored documents copied in unparsed.
    func responseBody(total: Int, documents: [[UInt8]]) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(documents.reduce(64) { $0 + $1.count + 1 })
        body.append(contentsOf: #"{"items":["#.utf8)
        for (index, document) in documents.enumerated() {
            if index > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: document)
        }
        body.append(contentsOf: #"],"total":\#(total),"limit":\#(limit),"offset":\#(offset)}"#.utf8)
        return body
    }
}
