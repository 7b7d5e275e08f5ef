@resources
Feature: Trunk audits against allocations
  A trunk may present only the calling numbers of the blocks allocated to it. An audit of the trunk
  (GET /v1/trunks/{id}/audit) reads the records of the calls it carried (the records traceback keeps) and flags every
  call that presented a calling number outside its allocations, with the call as evidence: when it came, the calling
  number, its Call-ID and origid. A call answered before the audit is in it.

  Background:
    Given a callee in the national network
    And an enterprise of sector "other" with a trunk in the access realm
    And the enterprise's qualification is recorded in full
    And the trunk's number block is allocated to the enterprise

  Rule: Calls presenting numbers outside the trunk's allocations are flagged, with the calls as evidence

    @RES-AUD-001 @pics:RES-AUD
    Scenario: A call presenting a number outside the trunk's block is flagged with its time, calling number and Call-ID
      When the trunk attempts to present a number outside its allocated block
      Then the audit of the trunk flags that call with its time, calling number and Call-ID

    @RES-AUD-001 @pics:RES-AUD
    Scenario: A call presenting a number of the trunk's block is not flagged
      When the trunk calls the callee presenting a number of its allocated block
      And the trunk attempts to present a number outside its allocated block
      Then the audit of the trunk flags that call with its time, calling number and Call-ID
      And the audit of the trunk does not flag the call presenting a number of its block
