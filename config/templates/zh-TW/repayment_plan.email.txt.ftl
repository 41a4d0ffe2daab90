<#include "_lib.ftli">
${dear}

${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。

<#include "_amounts.ftli">
<#include "_schedule.ftli">

為使您的貸款恢復正常，請於${date(notice.deadline)}前還款${amount(debt.amountDue)}：可線上還款 ${payLink()}，在「${lender.appName}」App中選擇「我的貸款 > 立即還款」，或銀行匯款並在附言中註明${notice.reference}。還款計畫中以後各期保持不變。

如一次性還清有困難，請在${date(notice.deadline)}前回覆本郵件或致電${lender.hotline}：我們可以與您協商方案，將逾期金額分攤到之後的各期中償還。

${lender.name} 敬上

--
您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至${lender.email}告知我們，或在「${lender.appName}」App的「設定 > 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以透過以下連結取消訂閱郵件提醒：${notice.unsubscribe}</#if>
