@interception
Feature: Non-standard calling numbers
  A domestic call whose calling number does not fit the national numbering plan (不规范主叫号码) — wrong
  length, unallocated range, not diallable, malformed — or that is on the do-not-originate list is
  intercepted. Every well-formed kind of number passes. Emergency numbers are never blocked.
  The numbers are drawn fresh for each example from the seeded fakers of fixtures/.

  Background:
    Given a callee in the national network

  Rule: A calling number outside the national plan is intercepted

    @INT-NUM-001 @pics:INT-NUM
    Scenario Outline: A call from a domestic carrier presenting <kind> is intercepted
      When a call handed over by a domestic carrier attempts to present <kind>
      Then the call is intercepted and never forwarded

      Examples:
        | kind                                              |
        | a mobile number one digit short                   |
        | a mobile number one digit long                    |
        | a mobile number in an unallocated block           |
        | a mobile number in a data-only block              |
        | a number starting 12                              |
        | a fixed-line number with an unallocated area code |
        | a fixed-line number one digit long                |
        | a local number without its area code              |
        | a number with letters in it                       |

  Rule: Every kind of well-formed number passes

    @INT-NUM-002 @pics:INT-NUM
    Scenario Outline: A call from a domestic carrier presenting <kind> is forwarded
      When a call handed over by a domestic carrier presents <kind>
      Then the call reaches the callee

      Examples:
        | kind                                            |
        | a domestic mobile number                        |
        | a domestic fixed-line number                    |
        | a domestic mobile number in +86 form            |
        | a domestic mobile number with visual separators |
        | a 95xxx service number                          |
        | a 96xxx service number                          |
        | a 400 number                                    |
        | a 10xxx carrier service number                  |

  Rule: Numbers on the do-not-originate list never originate calls

    @INT-NUM-003 @pics:INT-NUM
    Scenario: A call presenting a number on the do-not-originate list is intercepted
      Given a domestic mobile number on the do-not-originate list
      When the listed number calls the callee through a domestic carrier
      Then the call is intercepted and never forwarded

    @INT-NUM-003 @pics:INT-NUM
    Scenario: A number put on the do-not-originate list through the management API is screened at every entry point
      Given a domestic mobile number on the do-not-originate list
      When the listed number calls the callee through a domestic carrier at every entry point
      Then every one of those calls is intercepted and never forwarded

  Rule: Emergency numbers are never blocked

    @INT-NUM-004 @pics:INT-NUM
    Scenario Outline: A call to <emergency> whose caller would be intercepted still gets through
      When a call <origin> that would be intercepted dials the emergency number <emergency>
      Then the emergency call reaches its destination

      Examples:
        | origin                 | emergency |
        | from abroad            | 110       |
        | from abroad            | 119       |
        | from a domestic carrier | 120      |
        | from a domestic carrier | 122      |
