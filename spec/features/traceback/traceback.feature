@traceback
Feature: Traceback of screened calls
  Every call the system screens, intercepted or forwarded, leaves a record (通话溯源): when, in which realm, from
  which trunk, the calling and called numbers, the origid, the decision and its reason. The record is queued
  before the call's final response is sent, so a query made once the caller has that response finds it. Records
  are kept for a retention period (a parameter, default 184 days: at least six months) and are gone after it.
  A traceback query (GET /v1/traceback/calls) by callee and time window, by calling number or by origid names the
  trunk the call came in on and that trunk's enterprise. Only the regulator and the carrier's operator may query.

  Background:
    Given a callee in the national network
    And an enterprise of sector "other" with a trunk in the access realm

  Rule: Every screened call leaves a record before its final response

    @TRC-REC-001 @pics:TRC-REC @pics:TRC-QRY
    Scenario: An intercepted call is recorded with its trunk, numbers, decision and reason
      When the trunk attempts to present a domestic mobile number outside its ranges
      Then the call is intercepted and never forwarded
      And the traceback of the callee around the call finds it, from the trunk and its enterprise, decided "intercept" with a reason

    @TRC-REC-001 @pics:TRC-REC @pics:TRC-QRY
    Scenario: A forwarded call is recorded with its trunk, numbers and decision
      When the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee
      And the traceback of the callee around the call finds it, from the trunk and its enterprise, decided "forward" with a reason

  Rule: Records are kept for the retention period and no longer

    @TRC-REC-002 @pics:TRC-REC @pics:TRC-QRY @clock
    Scenario: One minute before its retention ends, the record is still found
      When the trunk calls the callee presenting a number of its own range
      And the test clock reaches one minute before the call record's retention ends
      Then the traceback of the caller finds the call, from the trunk and its enterprise

    @TRC-REC-002 @pics:TRC-REC @pics:TRC-QRY @clock
    Scenario: Once its retention has ended, the record is gone
      When the trunk calls the callee presenting a number of its own range
      And the test clock passes the end of the call record's retention
      Then the traceback of the caller finds no call

  Rule: Queries by callee and window, by calling number and by origid name the trunk and enterprise

    @TRC-QRY-001 @pics:TRC-QRY
    Scenario: A query by callee and time window finds the callee's calls in the window and only those
      When the trunk calls the callee presenting a number of its own range
      And the trunk attempts to present a domestic mobile number outside its ranges
      Then the traceback of the callee around the call finds both calls, each from the trunk and its enterprise
      And the traceback of the callee in a window that ends before the calls finds no call

    @TRC-QRY-002 @pics:TRC-QRY
    Scenario: A query by calling number finds the caller's call with its trunk and enterprise
      When the trunk calls the callee presenting a number of its own range
      Then the traceback of the caller finds the call, from the trunk and its enterprise

    @TRC-QRY-003 @pics:TRC-QRY-ORIG
    Scenario: A query by the origid a signed call carried finds the call with its trunk and enterprise
      When the trunk calls the callee presenting a number of its own range
      Then the traceback by the origid the forwarded call carried finds the call, from the trunk and its enterprise

  Rule: Only the regulator and the carrier's operator may query

    @TRC-ACL-001 @pics:TRC-ACL
    Scenario: The regulator's key may query call records
      When the trunk calls the callee presenting a number of its own range
      Then the traceback of the caller with the regulator's key finds the call, from the trunk and its enterprise

    @TRC-ACL-001 @pics:TRC-ACL
    Scenario: A key of another role is refused 403
      When the trunk calls the callee presenting a number of its own range
      Then the traceback of the caller with a key of another role is refused 403 with problem+json
