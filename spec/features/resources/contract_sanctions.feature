@resources
Feature: Contract sanctions on trunks
  A carrier sanctions a trunk that carried harassing calls under its contract: suspended
  (PUT /v1/trunks/{id}/suspension), its calls are intercepted with the final response of the signalling profile, as any
  interception is, and never forwarded; once the suspension is lifted (DELETE), its calls go through again.

  Background:
    Given a callee in the national network
    And an enterprise of sector "other" with a trunk in the access realm

  Rule: A suspended trunk's calls are intercepted

    @RES-SAN-001 @pics:RES-SAN
    Scenario: A suspended trunk's call is intercepted with the network's blocking response and never forwarded
      Given the carrier has suspended the trunk for harassing calls
      When the trunk attempts to call the callee presenting a number of its own range
      Then the call is intercepted and never forwarded
      And the blocking response names where the caller can seek redress

    @RES-SAN-001 @pics:RES-SAN @pics:TRC-QRY
    Scenario: A suspended trunk's intercepted call is on record as intercepted with a reason
      Given the carrier has suspended the trunk for harassing calls
      When the trunk attempts to call the callee presenting a number of its own range
      Then the call is intercepted and never forwarded
      And the traceback of the callee around the call finds it, from the trunk and its enterprise, decided "intercept" with a reason

  Rule: Lifting the suspension restores the trunk's calls

    @RES-SAN-002 @pics:RES-SAN
    Scenario: After the suspension is lifted, the trunk's call reaches the callee
      Given the carrier has suspended the trunk for harassing calls
      When the carrier lifts the trunk's suspension
      And the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee
