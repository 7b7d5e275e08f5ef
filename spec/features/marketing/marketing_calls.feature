@marketing @clock
Feature: Commercial marketing calls
  Calls from enterprises of the key sectors (finance, real estate, medical institutions and health food,
  HR services and tourism) are marketing calls (商业营销外呼). They need the callee's recorded consent, stop
  after a refusal (per enterprise, or global 谢绝来电), keep to calling hours (default 08:00–21:00 Beijing
  time) and to a frequency per callee (default 3 in 5 minutes, 5 in 24 hours). Call-centre access numbers
  are inbound-only. The scenarios set the test clock, so the feature is tagged @clock.

  Background:
    Given a callee in the national network
    And it is 10:00 Beijing time

  Rule: A marketing call needs the callee's consent

    @MKT-CON-001 @pics:MKT-CON
    Scenario Outline: A <sector> enterprise's call to a callee who consented reaches them
      Given an enterprise of sector "<sector>" with a trunk in the access realm
      And the callee consented to the enterprise's marketing calls, with evidence
      When the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee

      Examples:
        | sector      |
        | finance     |
        | real-estate |
        | medical     |
        | health-food |
        | hr-services |
        | tourism     |

    @MKT-CON-002 @pics:MKT-CON
    Scenario Outline: A <sector> enterprise's call without consent is intercepted
      Given an enterprise of sector "<sector>" with a trunk in the access realm
      When the trunk attempts to call the callee once more
      Then the call is intercepted and never forwarded

      Examples:
        | sector      |
        | finance     |
        | real-estate |
        | tourism     |

    @MKT-CON-003 @pics:MKT-CON
    Scenario: A call from an enterprise outside the key sectors needs no consent
      Given an enterprise of sector "other" with a trunk in the access realm
      When the trunk calls the callee presenting a number of its own range
      Then the call reaches the callee

  Rule: A refusal stops marketing calls, whatever consent came before

    @MKT-REF-001 @pics:MKT-REF
    Scenario: After the callee refuses an enterprise, its calls are intercepted
      Given an enterprise of sector "finance" with a trunk in the access realm
      And the callee consented to the enterprise's marketing calls, with evidence
      When the callee refuses the enterprise's calls
      And the trunk attempts to call the callee once more
      Then the call is intercepted and never forwarded

    @MKT-REF-002 @pics:MKT-REF
    Scenario: After a global refusal, no enterprise's marketing call gets through
      Given an enterprise of sector "real-estate" with a trunk in the access realm
      And the callee consented to the enterprise's marketing calls, with evidence
      And the callee refused all marketing calls
      When the trunk attempts to call the callee once more
      Then the call is intercepted and never forwarded

  Rule: Marketing calls keep to calling hours

    @MKT-HRS-001 @pics:MKT-HRS
    Scenario Outline: A marketing call at <moment> of calling hours is <outcome>
      Given an enterprise of sector "finance" with a trunk in the access realm
      And the callee consented to the enterprise's marketing calls, with evidence
      And it is <moment> of calling hours
      When the trunk calls the callee once more
      Then the call <outcome>

      Examples:
        | moment                      | outcome                          |
        | one minute before the start | is intercepted and never forwarded |
        | the start                   | reaches the callee               |
        | one minute before the end   | reaches the callee               |
        | the end                     | is intercepted and never forwarded |

  Rule: Marketing callers keep to a frequency per callee

    @MKT-FRQ-001 @pics:MKT-FRQ
    Scenario: Calls up to the short-window limit reach the callee, the next is intercepted
      Given an enterprise of sector "finance" with a trunk in the access realm
      And the callee consented to the enterprise's marketing calls, with evidence
      When the trunk calls the callee as many times as the short marketing limit allows
      And the trunk attempts to call the callee once more
      Then every one of those calls reaches the callee
      And the call is intercepted and never forwarded

    @MKT-FRQ-002 @pics:MKT-FRQ
    Scenario: Past the short window, calls up to the daily limit reach the callee, the next is intercepted
      Given an enterprise of sector "finance" with a trunk in the access realm
      And the callee consented to the enterprise's marketing calls, with evidence
      When the trunk calls the callee as many times as the short marketing limit allows
      And the short marketing window passes
      And the trunk calls the callee as many times as the daily marketing limit allows
      And the trunk attempts to call the callee once more
      Then every one of those calls reaches the callee
      And the call is intercepted and never forwarded

  Rule: Call-centre access numbers are inbound-only

    @MKT-CC-001 @pics:MKT-CC
    Scenario: A call presenting an inbound-only call-centre number is intercepted
      Given an enterprise of sector "other" whose trunk holds inbound-only call-centre numbers
      When the trunk attempts to call the callee once more
      Then the call is intercepted and never forwarded
