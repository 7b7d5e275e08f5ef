@warning
Feature: Warnings to the callee by flash SMS, SMS and app push
  The network warns the callee (风险提示). While a call from a number labelled with a category that is not benign
  is alerting, a flash SMS (闪信: SMPP submit_sm, data coding 0x18, UCS-2 class 0) names the label; after a call to
  the callee is intercepted, an SMS notice (data coding 0x08) names what was blocked; and the same facts go to the
  callee's app as an HTTP POST of JSON, retried with back-off when refused. Every warning starts with the
  【sender】 signature and carries no URL, no number to call back and no request to reply: the suite checks this on
  every warning it receives. The SUT reaches the suite's SMSC and push sink at the addresses the adapter gives it;
  the delay from INVITE to flash SMS is reported at the end of the run (warnings.txt, target 50 ms). Each warning SMS
  asks for a delivery receipt; the suite's SMSC answers as a scenario scripts it, and the SUT shows at
  GET /v1/warnings/sms what it recorded, so a warning the handset never got is never lost silently.

  Background:
    Given a caller on a domestic carrier

  Rule: A labelled call alerting is warned by flash SMS and push

    @WARN-FLS-001 @WARN-TXT-001 @pics:WARN-FLS
    Scenario: A call from a number labelled fraud rings with a flash SMS naming the label
      Given as many distinct reporters as the label threshold have reported the caller as "fraud"
      When the caller's call rings at a callee
      Then the callee gets a flash SMS (data coding 0x18) signed 【sender】 naming "诈骗电话"
      And the SMS carries no URL, no number to call back and no request to reply

    @WARN-FLS-002 @pics:WARN-FLS
    Scenario: A call from an unlabelled number gets no flash SMS
      When one fewer distinct reporters than the label threshold report the caller as "fraud"
      And the caller's call rings at a callee, who is not to be warned
      Then the callee gets no SMS

    @WARN-FLS-002 @pics:WARN-FLS
    Scenario: A call from a number with a benign label gets no flash SMS
      Given the enterprise "美团外卖" has declared the caller's number as "delivery"
      When the caller's call rings at a callee, who is not to be warned
      Then the callee gets no SMS

    @WARN-PUSH-001 @WARN-TXT-003 @pics:WARN-PUSH
    Scenario: A labelled call alerting is pushed to the callee's app
      Given as many distinct reporters as the label threshold have reported the caller as "harassment"
      When the caller's call rings at a callee
      Then the callee's app gets a "flash" push as JSON
      And the push carries no URL, no number to call back and no request to reply

  Rule: An interception is followed by an SMS notice and a push

    @WARN-SMS-001 @WARN-TXT-002 @pics:WARN-SMS
    Scenario: The callee of an intercepted call gets an SMS notice naming the blocked number
      When a call from abroad presenting the caller's number in +86 form is intercepted
      Then the callee gets an SMS notice (data coding 0x08) signed 【sender】 naming the caller's number
      And the SMS carries no URL, no number to call back and no request to reply

    @WARN-PUSH-001 @pics:WARN-PUSH
    Scenario: An interception is pushed to the callee's app
      When a call from abroad presenting the caller's number in +86 form is intercepted
      Then the callee's app gets a "interception" push as JSON

  Rule: No warning is lost silently

    @WARN-SMS-002 @pics:WARN-SMS
    Scenario Outline: A notice the SMSC first <trouble> still reaches the callee
      Given the suite's SMSC <trouble> at the next submission to the callee
      When a call from abroad presenting the caller's number in +86 form is intercepted
      Then the callee gets an SMS notice (data coding 0x08) signed 【sender】 naming the caller's number
      And the SMSC refused a submission of this notice to the callee and accepted a later one of the same notice to the same callee

      Examples:
        | trouble                     |
        | answers ESME_RTHROTTLED     |
        | drops the link              |

    @WARN-SMS-003 @pics:WARN-SMS-RCP
    Scenario Outline: A notice whose delivery receipt says <stat> is recorded as undeliverable
      Given the suite's SMSC answers every SMS to the callee with a delivery receipt saying <stat>
      When a call from abroad presenting the caller's number in +86 form is intercepted
      Then the callee gets an SMS notice (data coding 0x08) signed 【sender】 naming the caller's number
      And the system under test records the SMS notice as undeliverable, with the receipt saying <stat>

      Examples:
        | stat    |
        | UNDELIV |
        | EXPIRED |
        | REJECTD |

    @WARN-SMS-003 @pics:WARN-SMS-RCP
    Scenario: A notice whose delivery receipt says DELIVRD is recorded as delivered
      Given the suite's SMSC answers every SMS to the callee with a delivery receipt saying DELIVRD
      When a call from abroad presenting the caller's number in +86 form is intercepted
      Then the callee gets an SMS notice (data coding 0x08) signed 【sender】 naming the caller's number
      And the system under test records the SMS notice as delivered, with the receipt saying DELIVRD

    @WARN-PUSH-002 @pics:WARN-PUSH
    Scenario: A push the app endpoint refuses is retried with back-off until accepted
      Given the push sink refuses the next 3 pushes
      When a call from abroad presenting the caller's number in +86 form is intercepted
      Then the callee's app gets a "interception" push as JSON
      And the push was retried with back-off after the 3 refusals
