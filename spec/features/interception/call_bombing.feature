@interception
Feature: Call bombing
  Too many calls from one source to one callee in a short window is call bombing (呼死你). Whoever the
  caller, past the hard threshold (default 10 calls in 1 minute, from the target file) further calls from
  that source to that callee are intercepted; other callers still get through, and the source does again
  once the window has passed (crossed with the test clock).

  Background:
    Given a callee in the national network
    And a caller on a domestic carrier

  Rule: Past the threshold, the offending source is cut off from that callee

    @INT-BOMB-001 @pics:INT-BOMB
    Scenario: Calls up to the exact threshold all reach the callee
      When the caller calls the callee as many times as the bombing limit
      Then every one of those calls reaches the callee

    @INT-BOMB-001 @pics:INT-BOMB
    Scenario: The first call past the threshold is intercepted
      When the caller calls the callee as many times as the bombing limit
      And the caller attempts to call the callee once more
      Then the call is intercepted and never forwarded

    @INT-BOMB-002 @pics:INT-BOMB
    Scenario: Another caller still reaches the bombed callee
      When the caller calls the callee as many times as the bombing limit
      And another caller calls the same callee
      Then the call reaches the callee

    @INT-BOMB-003 @pics:INT-BOMB @clock
    Scenario: Once the window has passed the caller reaches the callee again
      When the caller calls the callee as many times as the bombing limit
      And the caller attempts to call the callee once more
      Then the call is intercepted and never forwarded
      When the bombing window passes
      And the caller calls the callee once more
      Then the call reaches the callee
