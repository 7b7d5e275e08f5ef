@interception
Feature: One-ring callers labelled instead of intercepted
  Once a one-ring caller is flagged, its further calls are intercepted or labelled, per capability. A system with
  the labelling variant lets a callee choose to be warned rather than protected (POST /v1/label-only-callees): the
  flagged caller's calls to that callee are forwarded labelled harassment from carrier analytics, in the form of
  LAB-SIG-001, while every other callee stays protected by interception.

  Background:
    Given a caller on a domestic carrier

  Rule: A callee who chose labels gets the flagged caller's call labelled

    @INT-ONE-004 @pics:INT-ONE-LAB
    Scenario: A flagged one-ring caller reaches a callee who prefers labels, labelled as harassment
      When the caller rings as many distinct callees as the one-ring threshold, cancelling each at once
      And the caller calls a new callee who chose labels over interception
      Then the call reaches the callee labelled "骚扰电话" with Call-Info category "harassment" from source "carrier-analytics"

    @INT-ONE-004 @pics:INT-ONE-LAB
    Scenario: The same flagged caller is still intercepted towards callees who made no such choice
      When the caller rings as many distinct callees as the one-ring threshold, cancelling each at once
      And the caller calls a new callee who chose labels over interception
      And the caller attempts to call a new callee
      Then the call is intercepted and never forwarded
