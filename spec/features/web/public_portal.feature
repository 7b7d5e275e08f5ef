@web
Feature: The public web portal
  People who get harassing calls are not API clients: the system's public portal lets anyone report a number (举报)
  and follow the report by the id it was answered with, look up a number's label, and appeal a label as the number's
  holder. The suite drives the portal in a browser, at the target file's web.url, through a page-object adapter (the
  standard markup of the vendor guide, or the vendor's own); a system without a portal answers WEB-PORTAL false.

  Background:
    Given a caller on a domestic carrier

  @WEB-RPT-001 @pics:WEB-PORTAL
  Scenario: A report filed on the portal is answered with an id another visitor can follow
    When a visitor reports the caller on the portal as "advertising" with the text "每天晚上九点以后打来推销课程"
    Then the portal answers with an id
    When another visitor follows that id on the portal
    Then the portal shows it received
    And the portal shows the report's text exactly as it was typed, as text

  @WEB-RPT-002 @pics:WEB-PORTAL
  Scenario: Markup typed into a report comes back as text, never as markup
    When a visitor reports the caller on the portal as "harassment" with the text "<script>document.title='x'</script><b>粗体</b> & 'quoted'"
    And another visitor follows that id on the portal
    Then the portal shows the report's text exactly as it was typed, as text

  @WEB-LKP-001 @pics:WEB-PORTAL
  Scenario: The portal shows a labelled number's category and source
    Given as many distinct reporters as the label threshold have reported the caller as "real-estate"
    When a visitor looks the caller up on the portal
    Then the portal shows the label "real-estate" from source "reports"

  @WEB-LKP-001 @pics:WEB-PORTAL
  Scenario: The portal shows no label for a number nothing labels
    When a visitor looks the caller up on the portal
    Then the portal shows no label

  @WEB-APL-001 @pics:WEB-PORTAL
  Scenario: A holder's appeal of a reissued number on the portal clears the label, and the holder can follow it
    Given as many distinct reporters as the label threshold have reported the caller as "advertising"
    And the carrier has recorded the caller's number passing from its earlier holder to "王小明" after the label
    When "王小明" appeals the caller's label on the portal as a reissued number held since yesterday
    Then the portal answers with an id
    When another visitor follows that id on the portal
    Then the portal shows it cleared
    When a visitor looks the caller up on the portal
    Then the portal shows no label

  @WEB-APL-001 @pics:WEB-PORTAL
  Scenario: An appeal on the portal that is not settled at once waits for the desk, and the label stays
    Given carrier analytics have flagged the caller as "fraud"
    When "李华" appeals the caller's label on the portal for another reason, explaining "这个号码是公司客服电话，从未诈骗"
    Then the portal answers with an id
    When another visitor follows that id on the portal
    Then the portal shows it pending
    When a visitor looks the caller up on the portal
    Then the portal shows the label "fraud" from source "carrier-analytics"
