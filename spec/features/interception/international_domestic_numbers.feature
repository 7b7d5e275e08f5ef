@interception
Feature: Calls from abroad presenting Chinese national numbers
  Calls arriving at the international gateway may not present a number of China's national numbering
  plan: a caller abroad who shows "+86…" is spoofing a domestic number (境外改号 "+86" 诈骗电话). The
  system under test intercepts such calls in every form the number can take, checks the asserted
  identity as well as From, and leaves genuine foreign numbers and domestic traffic alone.

  Background:
    Given a callee in the national network

  Rule: A call from abroad presenting a Chinese national number is intercepted

    @INT-INTL-001 @pics:INT-INTL
    Scenario Outline: A call from abroad presenting a domestic mobile number in <form> form is intercepted
      When a call from abroad attempts to present a domestic mobile number in <form> form
      Then the call is intercepted with the network's blocking response
      And the callee receives no INVITE

      Examples:
        | form          |
        | +86           |
        | 86            |
        | 0086          |
        | bare national |

    @INT-INTL-001 @pics:INT-INTL
    Scenario Outline: A call from abroad presenting a domestic fixed-line number in <form> form is intercepted
      When a call from abroad attempts to present a domestic fixed-line number in <form> form
      Then the call is intercepted with the network's blocking response
      And the callee receives no INVITE

      Examples:
        | form          |
        | +86           |
        | 0086          |
        | bare national |

    @INT-INTL-002 @pics:INT-INTL
    Scenario: A call from abroad asserting a domestic number behind a foreign From is intercepted
      When a call from abroad attempts to present a foreign number while asserting a domestic mobile number in +86 form
      Then the call is intercepted with the network's blocking response
      And the callee receives no INVITE

  Rule: Foreign numbers and domestic traffic pass unchanged

    @INT-INTL-003 @pics:INT-INTL
    Scenario Outline: A call from abroad presenting a foreign number is forwarded with its international prefix kept
      When a call from abroad presents the foreign number "<number>"
      Then the callee receives the call
      And the forwarded call presents "<number>" unchanged

      Examples:
        | number          |
        | +14155550123    |
        | 0014155550123   |
        | +442079460958   |
        | +85221234567    |

    @INT-INTL-004 @pics:INT-INTL
    Scenario: A call from a domestic carrier presenting a +86 number is forwarded
      When a call from a domestic carrier presents a domestic mobile number in +86 form
      Then the callee receives the call

  Rule: A domestic mobile subscriber roaming abroad may present their own number

    @INT-INTL-005 @pics:INT-INTL-ROAM
    Scenario Outline: A subscriber on the roaming list calling home in <form> form reaches the callee
      Given a domestic mobile subscriber registered as roaming abroad
      When the roaming subscriber calls from abroad presenting their number in <form> form
      Then the call reaches the callee

      Examples:
        | form          |
        | +86           |
        | 0086          |
        | bare national |

    @INT-INTL-005 @pics:INT-INTL-ROAM
    Scenario: The roaming list does not open the door to other domestic numbers
      Given a domestic mobile subscriber registered as roaming abroad
      When a call from abroad attempts to present a domestic mobile number in +86 form
      Then the call is intercepted with the network's blocking response
      And the callee receives no INVITE
