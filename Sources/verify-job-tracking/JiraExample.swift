/// The request body of the document's Step 1, verbatim: the Jira example.
enum JiraExample {
    /// `{"source_type":"jira","source_config":{...},"options":{...}}`.
    static let requestBody = """
        {
          "source_type": "jira",
          "source_config": {
            "base_url": "https://test.atlassian.net",
            "email": "test@example.com",
            "api_token": "test-token",
            "project_key": "TEST"
          },
          "options": {
            "batch_size": 100,
            "preview_limit": 10
          }
        }
        """
}
