@authentication
Feature: Caller-number authentication on enterprise trunks
  A trunk in the access realm is known by its source address and may present only numbers from the ranges
  allocated to its enterprise (主叫号码鉴权). A call presenting any other number, in From or in
  P-Asserted-Identity, is intercepted: never forwarded, and never forwarded with the number rewritten
  (no transparent pass-through, 透传).

  Background:
    Given a callee in the national network
    And an enterprise of sector "other" with a trunk in the access realm

  Rule: A trunk presents only its own numbers, unchanged

    @AUTH-RNG-001 @pics:AUTH-RNG
    Scenario: A trunk presenting a number of its own range reaches the callee with the number unchanged
      When the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee
      And the forwarded call presents the trunk's number unchanged

    @AUTH-RNG-001 @pics:AUTH-RNG
    Scenario: A trunk presenting its own number in +86 form reaches the callee
      When the trunk calls the callee presenting a number of its own range in +86 form
      Then the call reaches the callee

  Rule: Every call that fails authentication is intercepted

    @AUTH-RNG-002 @pics:AUTH-RNG
    Scenario: A trunk presenting a number outside its ranges is intercepted
      When the trunk attempts to present a domestic mobile number outside its ranges
      Then the call is intercepted and never forwarded

    @AUTH-RNG-003 @pics:AUTH-RNG
    Scenario: A trunk asserting a number outside its ranges behind its own From is intercepted
      When the trunk attempts to present its own number in From while asserting a number outside its ranges
      Then the call is intercepted and never forwarded

    @AUTH-RNG-004 @pics:AUTH-RNG
    Scenario: A call from an address no trunk is provisioned for is intercepted
      When a call arrives at the access realm from an address no trunk is provisioned for
      Then the call is intercepted and never forwarded
