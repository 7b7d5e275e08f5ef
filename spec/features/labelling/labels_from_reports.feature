@labelling
Feature: Labels from users' reports
  Users report numbers (举报/标记) through any channel; the management API takes each report with the number, a
  category, the reporter's identity, the channel and a text. A number is labelled only when enough distinct
  reporters name the same category within a window (default 10 in 30 days, from the target file's
  parameters.labelReporters and parameters.labelWindowDays); repeats from one reporter count once, so a few
  accounts cannot poison a number's label.

  Categories (code · name): harassment 骚扰电话 · fraud 诈骗电话 · advertising 广告推销 · real-estate 房产中介 ·
  insurance-finance 保险理财 · loans 贷款推销 · recruitment 招聘猎头 · delivery 快递外卖 (benign) · taxi 出租车 (benign).

  Background:
    Given a caller on a domestic carrier

  Rule: Enough distinct reporters within the window label a number

    @LAB-THR-001 @pics:LAB-RPT
    Scenario: As many distinct reporters as the threshold label the number
      When as many distinct reporters as the label threshold report the caller as "harassment"
      Then the lookup of the caller answers the category "harassment" named "骚扰电话" with the count of distinct reporters, from source "reports"

    @LAB-THR-001 @pics:LAB-RPT
    Scenario: One reporter short of the threshold leaves the number unlabelled
      When one fewer distinct reporters than the label threshold report the caller as "fraud"
      Then the lookup of the caller finds no label

    @LAB-THR-002 @pics:LAB-RPT
    Scenario: Repeated reports from one reporter count once
      When one fewer distinct reporters than the label threshold report the caller as "advertising"
      And the first of them reports the caller again as many times as the label threshold
      Then the lookup of the caller finds no label

    @LAB-THR-003 @pics:LAB-RPT @clock
    Scenario: Reports older than the window no longer count
      When as many distinct reporters as the label threshold report the caller as "loans"
      Then the lookup of the caller answers the category "loans" named "贷款推销" with the count of distinct reporters, from source "reports"
      When the label window passes
      Then the lookup of the caller finds no label

  Rule: Bad reports are refused with problem+json and change nothing

    @LAB-RPT-001 @pics:LAB-RPT
    Scenario: A report naming an unknown category is refused
      When a reporter attempts to report the caller as "spam"
      Then the attempt fails with problem+json naming the field "category"
      And the lookup of the caller finds no label

    @LAB-RPT-002 @pics:LAB-RPT
    Scenario Outline: A report for a number that is not a national number is refused
      When a reporter attempts to report the number "<number>" as "harassment"
      Then the attempt fails with problem+json naming the field "number"

      Examples:
        | number         |
        | 12345          |
        | +14155550199   |
        | 1380013800x    |

    @LAB-RPT-002 @pics:LAB-RPT
    Scenario: A report with oversized text is refused
      When a reporter attempts to report the caller with a text one character longer than the report text limit
      Then the attempt fails with problem+json naming the field "text"

    @LAB-RPT-002 @pics:LAB-RPT
    Scenario: A report with text as long as the report text limit is accepted
      When a reporter attempts to report the caller with a text as long as the report text limit
      Then the report is accepted
