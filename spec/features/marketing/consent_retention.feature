@marketing @clock
Feature: Consent lapses with its evidence
  Evidence of a callee's consent to an enterprise's marketing calls is kept for a retention period (default
  five months: 153 days, the target file's consentRetentionDays). Consent whose evidence is no longer kept
  cannot be shown, so it no longer counts: the enterprise's marketing calls are intercepted until the callee
  consents again. The scenarios move the test clock across the end of the retention, so the feature is @clock.

  Background:
    Given a callee in the national network
    And it is 12:00 Beijing time
    And an enterprise of sector "finance" with a trunk in the access realm
    And the callee consented to the enterprise's marketing calls, with evidence

  Rule: Consent counts only while its evidence is kept

    @MKT-CON-004 @pics:MKT-CON
    Scenario: One minute before the consent's retention ends, a marketing call reaches the callee
      When the test clock reaches one minute before the consent's retention ends
      And the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee

    @MKT-CON-004 @pics:MKT-CON
    Scenario: Once the consent's retention has ended, a marketing call is intercepted
      When the test clock passes the end of the consent's retention
      And the trunk attempts to call the callee once more
      Then the call is intercepted and never forwarded

    @MKT-CON-004 @pics:MKT-CON
    Scenario: Consent given again after the old one lapsed counts again
      When the test clock passes the end of the consent's retention
      And the callee consents again, with evidence
      And the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee
