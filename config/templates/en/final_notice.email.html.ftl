<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Final notice before referral</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; max-width: 640px;">
<p>${dear},</p>
<h2 style="font-size: 18px;">Final notice before referral</h2>
<p>Reference: ${notice.reference}</p>
<p>${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} days past due.</p>
<#include "_history.html.ftli">
<#include "_amounts.html.ftli">
<p>This is our final notice. Please pay <strong>${debt.currency} ${money(debt.amountDue)}</strong> by <strong>${date(notice.deadline)}</strong>, or contact us by that date to agree a repayment plan. If neither happens, we intend to refer the debt to a collection agency acting on our behalf and may take legal action to recover it. The notice is attached as a PDF.</p>
<p>Repay: <a href="${payLink()}">${payLink()}</a>, the ${lender.appName} app, or bank transfer quoting ${notice.reference}. Plan or questions: ${lender.hotline}, <a href="mailto:${lender.email}">${lender.email}</a>. Complaints: ${lender.complaints}.</p>
<p>Yours sincerely,<br>${lender.name}</p>
<hr>
<p style="font-size: 12px; color: #666;">You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to <a href="mailto:${lender.email}">${lender.email}</a> or turn off e-mail reminders in the ${lender.appName} app (Settings &gt; Notifications).<#if notice.unsubscribe??> Or <a href="${notice.unsubscribe}">unsubscribe from e-mail reminders</a>.</#if></p>
</body>
</html>
