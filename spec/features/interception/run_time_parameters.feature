@interception
Feature: Rule parameters set at run time
  Thresholds, windows, calling hours and the consent retention are not fixed by any national text: a lab sets
  its own in the target file, and the suite puts them in force through the management API (PUT /v1/parameters)
  at the start of the run. Values set later take effect at once, and the rules follow them (the suite puts the
  target file's back after). Impossible values are refused with problem+json naming the field, and nothing of
  the refused request is applied.

  Rule: The lab's parameters are in force

    @INT-PAR-002 @pics:INT-PAR
    Scenario: The parameters in force are the target file's
      Then the parameters in force are those of the target file

    @INT-PAR-002 @pics:INT-PAR @pics:INT-BOMB
    Scenario: Parameters set at run time, unlike the defaults and those in force, are in force and govern the rules
      Given a callee in the national network
      And a caller on a domestic carrier
      When the lab sets parameters that differ from the defaults and from those in force
      Then the parameters in force are those the lab set
      When the caller calls the callee as many times as the bombing limit the lab set
      Then every one of those calls reaches the callee
      When the caller attempts to call the callee once more
      Then the call is intercepted and never forwarded

  Rule: Impossible parameters are refused, naming the field, and change nothing

    @INT-PAR-001 @pics:INT-PAR
    Scenario Outline: Parameters with <problem> are refused
      When the lab attempts to set the parameters <body>
      Then the parameters are refused with problem+json naming the field "<field>"
      And the parameters in force are those of the target file

      Examples:
        | problem                                       | body                                                      | field                          |
        | a bombing window of zero seconds              | {"bombing":{"limit":4,"windowSeconds":0}}                 | bombing.windowSeconds          |
        | a negative one-ring window                    | {"oneRing":{"callees":3,"windowMinutes":-10}}             | oneRing.windowMinutes          |
        | a bombing limit below one                     | {"bombing":{"limit":0}}                                   | bombing.limit                  |
        | a one-ring threshold below one                | {"oneRing":{"callees":0}}                                 | oneRing.callees                |
        | calling hours that start after they end       | {"marketing":{"callingHours":"21:00-08:00"}}              | marketing.callingHours         |
        | calling hours that start as they end          | {"marketing":{"callingHours":"09:00-09:00"}}              | marketing.callingHours         |
        | a daily marketing limit below the short limit | {"marketing":{"shortLimit":4,"dailyLimit":3}}             | marketing.dailyLimit           |
        | a consent retention of zero days              | {"marketing":{"consentRetentionDays":0}}                  | marketing.consentRetentionDays |
