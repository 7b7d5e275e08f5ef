@interception
Feature: One-ring calls
  A caller whose calls ring briefly and are cancelled (default: within 5 s of the 180), to many distinct
  callees (default: 20 in 10 minutes), with almost no answers, is running a one-ring scheme (响一声,
  wangiri) to lure call-backs. Once flagged, its further calls are intercepted. The thresholds come from
  the target file; rings longer than the ring time are made with the test clock, not by waiting.

  Background:
    Given a caller on a domestic carrier

  Rule: A one-ring caller is flagged at the threshold and intercepted afterwards

    @INT-ONE-001 @pics:INT-ONE
    Scenario: After one-ring calls to as many callees as the threshold, the caller is intercepted
      When the caller rings as many distinct callees as the one-ring threshold, cancelling each at once
      And the caller attempts to call a new callee
      Then the call is intercepted and never forwarded

    @INT-ONE-001 @pics:INT-ONE
    Scenario: One callee short of the threshold, the caller still gets through
      When the caller rings one fewer distinct callees than the one-ring threshold, cancelling each at once
      And the caller calls a new callee
      Then the call reaches the callee

  Rule: Only brief rings with almost no answers count

    @INT-ONE-002 @pics:INT-ONE @clock
    Scenario: Calls cancelled after ringing longer than the ring time are not one-ring calls
      When the caller rings as many distinct callees as the one-ring threshold, cancelling each after the ring time
      And the caller calls a new callee
      Then the call reaches the callee

    @INT-ONE-003 @pics:INT-ONE
    Scenario: A caller whose calls are answered is not flagged
      When the caller's calls were answered more often than the one-ring rule allows
      And the caller rings as many distinct callees as the one-ring threshold, cancelling each at once
      And the caller calls a new callee
      Then the call reaches the callee
