<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Your repayment schedule</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; max-width: 640px;">
<p>${dear},</p>
<p>${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} day<#if debt.dpd != 1>s</#if> past due.</p>
<#include "_amounts.html.ftli">
<#include "_schedule.html.ftli">
<p>To bring your loan up to date, please pay <strong>${debt.currency} ${money(debt.amountDue)}</strong> by <strong>${date(notice.deadline)}</strong>: online at <a href="${payLink()}">${payLink()}</a>, in the ${lender.appName} app (Loans &gt; Repay), or by bank transfer quoting ${notice.reference}. The later installments of your schedule stay as they are.</p>
<p>If paying this in one go is hard, reply or call ${lender.hotline} before ${date(notice.deadline)}: we will look with you at a repayment plan you can keep to.</p>
<p>Kind regards,<br>${lender.name}</p>
<hr>
<p style="font-size: 12px; color: #666;">You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to <a href="mailto:${lender.email}">${lender.email}</a> or turn off e-mail reminders in the ${lender.appName} app (Settings &gt; Notifications).<#if notice.unsubscribe??> Or <a href="${notice.unsubscribe}">unsubscribe from e-mail reminders</a>.</#if></p>
</body>
</html>
