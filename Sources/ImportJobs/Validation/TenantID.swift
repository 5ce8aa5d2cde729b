/// The rule for tenant ids, shared by the body field, the `X-Tenant-ID` header and the
/// Redis key layout (which relies on tenant ids never containing braces or spaces).
public enum TenantID {
    /// The message for a tenant id that breaks the rule.
    public static let rule = TextRules.identifierRule

    /// Whether `text` is a usable tenant id.
    public static func isValid(_ text: some StringProtocol) -> Bool {
        TextRules.isValidIdentifier(text)
    }
}
