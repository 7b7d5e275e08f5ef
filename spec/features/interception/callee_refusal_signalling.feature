@interception @clock
Feature: Signalling a callee's own refusal
  Under the rfc8197 signalling profile, 607 Unwanted answers the calls the callee refused (a refusal of the
  enterprise, or a global refusal 谢绝来电): RFC 8197 makes 607 the called party's word. Calls the network
  intercepts on its own judgement are never answered 607, which would claim the callee refused a call they never
  saw; they get 603 Network Blocked with its Reason and redress contact. Under atis-603plus and rfc8688 a refusal
  is answered like any other interception. Marketing calls need calling hours, so the feature sets the test clock.

  Background:
    Given a callee in the national network
    And it is 10:00 Beijing time
    And an enterprise of sector "finance" with a trunk in the access realm

  Rule: 607 Unwanted speaks for the callee, and only for the callee

    @INT-SIG-004 @pics:INT-SIG
    Scenario: A call the callee refused gets the profile's response to a callee's refusal
      Given the callee consented to the enterprise's marketing calls, with evidence
      And the callee refused the enterprise's calls
      When the trunk attempts to call the callee once more
      Then the call is intercepted with the profile's response to a callee's refusal
      And the callee receives no INVITE

    @INT-SIG-004 @pics:INT-SIG
    Scenario: A call to a callee who refused all marketing calls gets the profile's response to a callee's refusal
      Given the callee consented to the enterprise's marketing calls, with evidence
      And the callee refused all marketing calls
      When the trunk attempts to call the callee once more
      Then the call is intercepted with the profile's response to a callee's refusal

    @INT-SIG-005 @pics:INT-SIG
    Scenario: A call the network intercepts without any refusal by the callee is not answered as the callee's refusal
      When the trunk attempts to call the callee once more
      Then the call is intercepted with the network's blocking response, not as the callee's refusal
      And the blocking response names where the caller can seek redress
